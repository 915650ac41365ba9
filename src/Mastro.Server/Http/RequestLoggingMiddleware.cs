using System.Diagnostics;

namespace Mastro.Server.Http;

/// <summary>
/// One log line per request (method, path, route, status, duration). The query string and headers are
/// left out on purpose: they are where credentials travel.
/// </summary>
internal sealed partial class RequestLoggingMiddleware(RequestDelegate next, ILogger<RequestLoggingMiddleware> logger)
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
            LogRequest(logger, context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, route);
        }
    }

    // Source-generated: the level is checked before anything is formatted, and no argument array is made per call.
    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {DurationMs:0.0}ms route={Route}")]
    private static partial void LogRequest(ILogger logger, string method, string? path, int status, double durationMs, string route);
}
