using Microsoft.AspNetCore.Diagnostics;

namespace Mastro.Server.Http;

internal static class ErrorResponses
{
    /// <summary>
    /// Replaces whatever the answer held with the error body. <paramref name="headers"/> (e.g. <c>Retry-After</c>,
    /// <c>WWW-Authenticate</c>) are set after that reset, so callers need not work around it.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, int status, string message,
        params IEnumerable<KeyValuePair<string, string>> headers)
    {
        if (context.Response.HasStarted) return;
        context.Response.Clear();
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
            context.Response.Headers[name] = value;
        await context.Response.WriteAsJsonAsync(ErrorBody.For(status, message), ServerJsonContext.Default.ErrorBody,
            contentType: JsonResponses.ContentType, cancellationToken: context.RequestAborted);
    }

    /// <summary>
    /// Gives framework-produced empty error answers (unknown route → 404, wrong verb → 405) the error body.
    /// Used with <c>UseStatusCodePages</c>, which only calls this when nothing was written yet.
    /// </summary>
    public static Task WriteForStatusCodeAsync(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status404NotFound => $"no route for {context.Request.Method} {context.Request.Path}",
            StatusCodes.Status405MethodNotAllowed =>
                $"method {context.Request.Method} is not allowed on {context.Request.Path} (allowed: {context.Response.Headers.Allow})",
            _ => ErrorBody.CodeFor(status).Replace('_', ' '),
        };
        return WriteAsync(context, status, message);
    }
}
