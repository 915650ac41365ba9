using System.Diagnostics;

namespace Mastro.Server.Http;

/// <summary>
/// One log line per request (method, path, route, status, duration). The query string and headers are
/// left out on purpose: they are where credentials travel.
/// </summary>
internal sealed class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
            logger.LogInformation("{Method} {Path} {Status} {DurationMs:0.0}ms route={Route}",
                context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, route);
        }
    }
}
