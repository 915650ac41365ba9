using Mastro.Core.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Graph;
using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;
using Mastro.Core.Validation;
using Mastro.Server.Http;

namespace Mastro.Server.Endpoints;

/// <summary>
/// Lineage (docs/LINEAGE-API.md): OpenLineage ingestion where Spark and Airflow send by default
/// (<c>POST /api/v1/lineage</c>, as Marquez), the Marquez-shaped graph, runs, raw events and column lineage.
/// </summary>
internal static class LineageEndpoints
{
    private const string IngestRoute = "/api/v1/lineage";
    private const string InvalidEvent = "Invalid OpenLineage event";
    private const string LineageSuffix = "/lineage";

    private static LineageJsonContext Json => LineageJsonContext.Default;

    public static void MapLineageEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("lineage");
        group.MapPost(IngestRoute, Ingest)
            .Accepts<object>("application/json", "*/*").Produces(StatusCodes.Status201Created).Produces<ErrorBody>(StatusCodes.Status400BadRequest);
        // Marquez serves its graph at GET /api/v1/lineage, next to the ingestion; /lineage is the shorter name.
        group.MapGet(IngestRoute, Graph).Produces<LineageGraph>().Produces<ErrorBody>(StatusCodes.Status404NotFound);
        group.MapGet("/lineage", Graph).Produces<LineageGraph>().Produces<ErrorBody>(StatusCodes.Status404NotFound);
        group.MapGet("/api/v1/lineage/runs", ListRuns).Produces<Page<LineageRun>>();
        group.MapGet("/api/v1/lineage/runs/{runId}", GetRun).Produces<LineageRun>().Produces<ErrorBody>(StatusCodes.Status404NotFound);
        group.MapGet("/api/v1/lineage/runs/{runId}/events", ListRunEvents).Produces<Page<object>>().Produces<ErrorBody>(StatusCodes.Status404NotFound);
        group.MapGet("/api/v1/lineage/events", ListEvents).Produces<Page<object>>();
        group.MapGet("/api/v1/lineage/column-lineage", ColumnLineage).Produces<ColumnLineage>().Produces<ErrorBody>(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// For <c>GET /asset/name/{name}</c> when no asset has that exact name: an alias answers its asset, and
    /// <c>{name}/lineage</c> the lineage graph of <c>{name}</c>. Null when neither applies (the caller answers 404).
    /// </summary>
    public static async Task<IResult?> AnswerForUnknownAssetAsync(HttpContext context, string name)
    {
        var lineage = context.RequestServices.GetRequiredService<LineageService>();
        if (await lineage.FindByAliasAsync(name, context.RequestAborted) is { } asset)
            return JsonResponses.Json(asset, MastroJsonContext.Default.Asset);
        if (!name.EndsWith(LineageSuffix, StringComparison.Ordinal) || name.Length == LineageSuffix.Length)
            return null;
        var query = LineageGraphQuery.From(context.Request.Query);
        var graph = await lineage.GraphAsync(name[..^LineageSuffix.Length], query.Direction, query.Depth, context.RequestAborted);
        return graph is null ? null : JsonResponses.Json(graph, Json.LineageGraph);
    }

    /// <summary>201 with an empty body, as Marquez answers; the raw JSON text is what gets stored.</summary>
    private static async Task<IResult> Ingest(HttpContext context, JsonBodyReader reader, LineageService lineage)
    {
        using var document = await reader.ReadDocumentAsync(context.Request, InvalidEvent);
        try
        {
            await lineage.IngestAsync(document.RootElement.GetRawText(), context.RequestAborted);
        }
        catch (ValidationFailedException e)
        {
            throw ApiException.BadRequest($"{InvalidEvent} :: {e.Message}");
        }
        return TypedResults.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> Graph(HttpContext context, LineageService lineage)
    {
        var nodeId = LineageGraphQuery.Required(context.Request.Query, "nodeId");
        var query = LineageGraphQuery.From(context.Request.Query);
        var graph = await lineage.GraphAsync(nodeId, query.Direction, query.Depth, context.RequestAborted)
            ?? throw ApiException.NotFound($"no asset or lineage node '{nodeId}'");
        return JsonResponses.Json(graph, Json.LineageGraph);
    }

    private static async Task<IResult> ListRuns(HttpContext context, LineageService lineage)
    {
        var job = LineageGraphQuery.Single(context.Request.Query, "job") is { Length: > 0 } name ? name : null;
        var runs = await lineage.ListRunsAsync(job, Paging.FromQuery(context.Request.Query), context.RequestAborted);
        return JsonResponses.Json(runs, Json.PageLineageRun);
    }

    private static async Task<IResult> GetRun(HttpContext context, string runId, LineageService lineage) =>
        JsonResponses.Json(await FindRunAsync(context, runId, lineage), Json.LineageRun);

    private static async Task<IResult> ListRunEvents(HttpContext context, string runId, LineageService lineage)
    {
        await FindRunAsync(context, runId, lineage);
        var events = await lineage.ListRunEventsAsync(runId, Paging.FromQuery(context.Request.Query), context.RequestAborted);
        return JsonResponses.Json(events, Json.PageJsonElement);
    }

    private static async Task<IResult> ListEvents(HttpContext context, LineageService lineage) =>
        JsonResponses.Json(await lineage.ListRecentEventsAsync(Paging.FromQuery(context.Request.Query), context.RequestAborted), Json.PageJsonElement);

    private static async Task<IResult> ColumnLineage(HttpContext context, LineageService lineage)
    {
        var dataset = LineageGraphQuery.Required(context.Request.Query, "dataset");
        var columns = await lineage.ColumnLineageAsync(dataset, context.RequestAborted)
            ?? throw ApiException.NotFound($"no asset named '{dataset}'");
        return JsonResponses.Json(columns, Json.ColumnLineage);
    }

    private static async Task<LineageRun> FindRunAsync(HttpContext context, string runId, LineageService lineage) =>
        await lineage.FindRunAsync(runId, context.RequestAborted) ?? throw ApiException.NotFound($"no run with id '{runId}'");
}
