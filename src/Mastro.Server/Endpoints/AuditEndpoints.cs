using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Security;
using Mastro.Core.Storage;
using Mastro.Server.Http;
using Mastro.Server.Security;

namespace Mastro.Server.Endpoints;

/// <summary><c>GET /audit?limit=&amp;page=&amp;actor=&amp;since=</c>: the audit log, newest first, for admins.</summary>
internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/audit", async (HttpContext context, IMastroStore store) =>
            {
                var query = new AuditQuery(Single(context.Request.Query, "actor"), Since(context.Request.Query));
                var page = await store.Audit.QueryAsync(query, Paging.FromQuery(context.Request.Query), context.RequestAborted);
                return JsonResponses.Json(page, SecurityJsonContext.Default.PageAuditEntry);
            })
            .RequiresRole(Role.Admin)
            .WithTags("security")
            .Produces<Page<AuditEntry>>();

    private static DateTimeOffset? Since(IQueryCollection query) =>
        Single(query, "since") switch
        {
            null => null,
            var text when Timestamps.TryParse(text, out var since) => since,
            _ => throw ApiException.BadRequest("since parameter is not an RFC 3339 timestamp (e.g. 2026-01-31T00:00:00Z)"),
        };

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0])
            ? values.Count == 1 ? values[0] : throw ApiException.BadRequest($"{name} parameter is given more than once")
            : null;
}
