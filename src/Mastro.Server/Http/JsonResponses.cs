using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mastro.Core.Storage;

namespace Mastro.Server.Http;

/// <summary>Writes JSON answers with source-generated serializers, as <c>application/json; charset=utf-8</c> like the original.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK) =>
        new SizedJsonResult(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), status);

    /// <summary>An asset as stored, its JSON columns copied rather than decoded and encoded again.</summary>
    public static IResult Asset(AssetRow row) => new SizedJsonResult(row.ToJsonUtf8(), StatusCodes.Status200OK);

    /// <summary>
    /// The answer is serialized before it is sent, so it goes out with a <c>Content-Length</c> in one write rather
    /// than in chunks: framing, flushing and parsing chunks cost server and client more than the copy (a
    /// <c>GET /asset/name/…</c> answer is half a kilobyte; the largest, a bulk upsert's, under a megabyte).
    /// </summary>
    private sealed class SizedJsonResult(byte[] body, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = ContentType;
            response.ContentLength = body.Length;
            await response.BodyWriter.WriteAsync(body, context.RequestAborted);
        }
    }
}
