using Mastro.Core.Json;
using Mastro.Core.Security;
using Mastro.Core.Storage;

namespace Mastro.Server.Security;

/// <summary>
/// Records every write and every refused request (401, 403) in the store's audit log, once the answer is known:
/// who (token name and id, role, client address), what (verb, route pattern, target names), when, and the status.
/// It sits outside the error handler, so it sees the final status of failed requests too.
/// </summary>
/// <remarks>
/// The entry is written after the request has been handled, and a failure to write it does not change the answer:
/// the write it describes has already happened, and failing the request would make clients retry a write that
/// succeeded. Such a failure is logged (without secrets) and counted as <c>audit.append</c> with outcome <c>error</c>
/// in <c>mastro_store_operation_duration_seconds</c>, so it can be alerted on.
/// </remarks>
internal sealed class AuditMiddleware(RequestDelegate next, AuditWriter audit, TimeProvider clock, ILogger<AuditMiddleware> logger)
{
    /// <summary>An audit write must not hold a request for long when the store struggles.</summary>
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden || RouteAccess.IsWrite(context))
            await RecordAsync(context, status);
    }

    private async Task RecordAsync(HttpContext context, int status)
    {
        var caller = Caller.Of(context.User);
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        try
        {
            var entry = new AuditEntry(
                At: Timestamps.Truncate(clock.GetUtcNow()),
                Actor: caller?.Name ?? Caller.AnonymousName,
                TokenId: caller?.TokenId,
                Role: caller?.Role,
                Method: context.Request.Method,
                Route: AuditText.Clean(route),
                Targets: AuditTargets.Of(context),
                Status: status,
                Client: context.Connection.RemoteIpAddress?.ToString() ?? "");
            // Not the request's token: a client hanging up after its write must not keep the write out of the log.
            using var timeout = new CancellationTokenSource(WriteTimeout);
            await StoreMetrics.MeasureAsync("audit.append", () => audit.AppendAsync(entry, timeout.Token));
        }
        catch (Exception e)
        {
            logger.LogError("Audit entry not stored ({Reason}): {Method} {Route} by {Actor} answered {Status}",
                e.Message, context.Request.Method, AuditText.Clean(route), caller?.Name ?? Caller.AnonymousName, status);
        }
    }
}
