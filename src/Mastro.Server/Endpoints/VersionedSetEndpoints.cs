using Mastro.Core.Model;
using Mastro.Core.Security;
using Mastro.Core.Services;
using Mastro.Server.Http;
using Mastro.Server.Security;
using Microsoft.AspNetCore.Authorization;

namespace Mastro.Server.Endpoints;

/// <summary>
/// The routes shared by the feature store (<c>/featureset</c>) and the metric store (<c>/metricstore</c>),
/// reference §3–4. Each PUT inserts a new set and answers it with its server-set <c>inserted_at</c>; the set's
/// id goes in the <c>Location</c> header, not the body, whose keys stay exactly the original's.
/// </summary>
internal static class VersionedSetEndpoints
{
    public static RouteGroupBuilder MapVersionedSetEndpoints<TSet>(this IEndpointRouteBuilder routes, VersionedSetRoutes<TSet> r)
        where TSet : class, IVersionedSet
    {
        var group = routes.MapGroup(r.BasePath).WithTags(r.BasePath.TrimStart('/'));
        routes.MapGet(r.HealthPath, HealthEndpoints.Pong).WithTags(r.BasePath.TrimStart('/')).AllowAnonymous();

        group.MapGet("/id/{id}", async (string id, HttpContext context, VersionedSetCatalogue<TSet> sets) =>
            JsonResponses.Json(await sets.FindByIdAsync(id, context.RequestAborted)
                ?? throw ApiException.NotFound($"error while retrieving {r.Noun} :: no {r.Noun} with id '{id}'"), r.SetJson))
            .Produces<TSet>().Produces<ErrorBody>(StatusCodes.Status404NotFound);

        group.MapDelete("/id/{id}", async (string id, HttpContext context, VersionedSetCatalogue<TSet> sets) =>
                await sets.DeleteAsync(id, context.RequestAborted)
                    ? TypedResults.NoContent()
                    : throw ApiException.NotFound($"error while deleting {r.Noun} :: no {r.Noun} with id '{id}'"))
            .RequiresRole(Role.Admin).Produces(StatusCodes.Status204NoContent).Produces<ErrorBody>(StatusCodes.Status404NotFound);

        group.MapGet("/name/{**name}", async (HttpContext context, VersionedSetCatalogue<TSet> sets) =>
            JsonResponses.Json(await sets.FindByNameAsync(PathNames.Tail(context, $"{r.BasePath}/name/"),
                Paging.FromQuery(context.Request.Query), context.RequestAborted), r.PageJson))
            .Produces<Page<TSet>>();

        group.MapPut("/", async (HttpContext context, JsonBodyReader reader, VersionedSetCatalogue<TSet> sets) =>
            {
                var set = await reader.ReadAsync(context.Request, r.SetJson, "Invalid JSON Body");
                AuditTargets.Add(context, [$"{set.Name}@{set.Version}"]);
                var (id, stored) = await sets.InsertAsync(set, context.RequestAborted);
                AuditTargets.Add(context, [id]);
                context.Response.Headers.Location = $"{r.BasePath}/id/{id}";
                return JsonResponses.Json(stored, r.SetJson, StatusCodes.Status201Created);
            })
            .Accepts<TSet>("application/json", "*/*").Produces<TSet>(StatusCodes.Status201Created).Produces<ErrorBody>(StatusCodes.Status400BadRequest);

        group.MapPost("/labels", (HttpContext context, JsonBodyReader reader, VersionedSetCatalogue<TSet> sets) =>
            FindByLabelsFromBody(context, reader, sets, r))
            .RequiresRole(Role.View).Accepts<LabelsQuery>("application/json", "*/*").Produces<Page<TSet>>();

        group.MapGet("/labels", async (HttpContext context, VersionedSetCatalogue<TSet> sets) =>
            {
                var (filter, page) = LabelQueries.FromQueryString(context.Request.Query);
                return JsonResponses.Json(await sets.FindByLabelsAsync(filter, page, context.RequestAborted), r.PageJson);
            })
            .Produces<Page<TSet>>();

        group.MapPost("/search", (HttpContext context, JsonBodyReader reader, VersionedSetCatalogue<TSet> sets) =>
            Search(context, reader, sets, r))
            .RequiresRole(Role.View).Accepts<TextQuery>("application/json", "*/*").Produces<Page<TSet>>();

        group.MapGet("/", async (HttpContext context, VersionedSetCatalogue<TSet> sets) =>
            JsonResponses.Json(await sets.ListAsync(Paging.FromQuery(context.Request.Query), context.RequestAborted), r.PageJson))
            .Produces<Page<TSet>>();
        return group;
    }

    /// <summary>
    /// The original Python client posts label and text queries to <c>/labels</c> and <c>/search</c> at the root
    /// (reference §11); serving them there too makes that client work unchanged.
    /// </summary>
    public static void MapPythonClientAliases<TSet>(this IEndpointRouteBuilder routes, VersionedSetRoutes<TSet> r)
        where TSet : class, IVersionedSet
    {
        var group = routes.MapGroup("").WithTags("python-client").RequiresRole(Role.View);
        group.MapPost("/labels", (HttpContext context, JsonBodyReader reader, VersionedSetCatalogue<TSet> sets) =>
            FindByLabelsFromBody(context, reader, sets, r)).ExcludeFromDescription();
        group.MapPost("/search", (HttpContext context, JsonBodyReader reader, VersionedSetCatalogue<TSet> sets) =>
            Search(context, reader, sets, r)).ExcludeFromDescription();
    }

    private static async Task<IResult> FindByLabelsFromBody<TSet>(
        HttpContext context, JsonBodyReader reader, VersionedSetCatalogue<TSet> sets, VersionedSetRoutes<TSet> r)
        where TSet : class, IVersionedSet
    {
        var (filter, page) = await LabelQueries.ReadBodyAsync(context, reader);
        return JsonResponses.Json(await sets.FindByLabelsAsync(filter, page, context.RequestAborted), r.PageJson);
    }

    private static async Task<IResult> Search<TSet>(
        HttpContext context, JsonBodyReader reader, VersionedSetCatalogue<TSet> sets, VersionedSetRoutes<TSet> r)
        where TSet : class, IVersionedSet
    {
        var (query, page) = await TextQueries.ReadBodyAsync(context, reader);
        return JsonResponses.Json(await sets.SearchAsync(query, page, context.RequestAborted), r.PageJson);
    }
}
