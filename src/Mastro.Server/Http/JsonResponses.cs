using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mastro.Server.Http;

/// <summary>Writes JSON answers with source-generated serializers, as <c>application/json; charset=utf-8</c> like the original.</summary>
internal static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK) =>
        new SizedJsonResult<T>(value, typeInfo, status);

    /// <summary>
    /// The answer is serialized before it is sent, so it goes out with a <c>Content-Length</c> in one write rather
    /// than in chunks: framing, flushing and parsing chunks cost server and client more than the copy (a
    /// <c>GET /asset/name/…</c> answer is half a kilobyte; the largest, a bulk upsert's, under a megabyte).
    /// </summary>
    private sealed class SizedJsonResult<T>(T value, JsonTypeInfo<T> typeInfo, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext context)
        {
            var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
            var response = context.Response;
            response.StatusCode = status;
            response.ContentType = ContentType;
            response.ContentLength = body.Length;
            await response.BodyWriter.WriteAsync(body, context.RequestAborted);
        }
    }
}
