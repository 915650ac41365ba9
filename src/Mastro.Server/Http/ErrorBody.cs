using System.Text.Json.Serialization;

namespace Mastro.Server.Http;

/// <summary>
/// The original's error body: <c>{"message", "status", "error"}</c>. Every non-2xx answer carries one,
/// so clients (and the original UI, which shows <c>message</c>) can always tell what went wrong.
/// </summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("error")] string Error)
{
    public static ErrorBody For(int status, string message) => new(message, status, CodeFor(status));

    /// <summary>The original used bad_request, not_found and internal_server_error; the rest follow the same pattern.</summary>
    public static string CodeFor(int status) => status switch
    {
        400 => "bad_request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        408 => "request_timeout",
        409 => "conflict",
        413 => "payload_too_large",
        415 => "unsupported_media_type",
        429 => "too_many_requests",
        503 => "service_unavailable",
        >= 500 => "internal_server_error",
        _ => "error",
    };
}
