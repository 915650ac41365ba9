using System.Text.Json.Serialization.Metadata;

namespace Mastro.Server.Http;

/// <summary>Writes JSON answers with source-generated serializers, as <c>application/json; charset=utf-8</c> like the original.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, typeInfo, ContentType, status);
}
