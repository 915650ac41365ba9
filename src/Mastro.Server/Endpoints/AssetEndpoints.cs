using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Security;
using Mastro.Core.Services;
using Mastro.Core.Validation;
using Mastro.Server.Http;
using Mastro.Server.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Primitives;

namespace Mastro.Server.Endpoints;

/// <summary>The catalogue's routes, as the original serves them (reference §2), plus <c>POST /assets/labels</c>.</summary>
internal static class AssetEndpoints
{
    private static MastroJsonContext Json => MastroJsonContext.Default;

    public static void MapAssetEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("catalogue");
        group.MapGet("/healthcheck/asset", HealthEndpoints.Pong).AllowAnonymous();
        group.MapGet("/asset/id/{**id}", (HttpContext context, AssetCatalogue catalogue) => GetByName(context, "/asset/id/", catalogue))
            .Produces<Asset>().Produces<ErrorBody>(StatusCodes.Status404NotFound);
        group.MapGet("/asset/name/{**name}", (HttpContext context, AssetCatalogue catalogue) => GetByName(context, "/asset/name/", catalogue))
            .Produces<Asset>().Produces<ErrorBody>(StatusCodes.Status404NotFound);
        group.MapPut("/asset", PutOne)
            .Accepts<Asset>("application/json", "*/*").Produces<List<Asset>>(StatusCodes.Status201Created).Produces<ErrorBody>(StatusCodes.Status400BadRequest);
        group.MapPut("/assets", PutMany)
            .Accepts<List<Asset>>("application/json", "*/*").Produces<List<Asset>>(StatusCodes.Status201Created)
            .Produces<List<Asset>>(StatusCodes.Status200OK).Produces<ErrorBody>(StatusCodes.Status400BadRequest);
        group.MapDelete("/asset/name/{**name}", Delete)
            .RequiresRole(Role.Admin).Produces(StatusCodes.Status204NoContent).Produces<ErrorBody>(StatusCodes.Status404NotFound);
        group.MapPost("/assets/tags", FindByTags).RequiresRole(Role.View).Accepts<TagsQuery>("application/json", "*/*").Produces<Page<Asset>>();
        group.MapPost("/assets/labels", FindByLabels).RequiresRole(Role.View).Accepts<LabelsQuery>("application/json", "*/*").Produces<Page<Asset>>();
        group.MapPost("/assets/search", Search).RequiresRole(Role.View).Accepts<TextQuery>("application/json", "*/*").Produces<Page<Asset>>();
        group.MapGet("/assets", List).Produces<Page<Asset>>();
    }

    private static async Task<IResult> GetByName(HttpContext context, string prefix, AssetCatalogue catalogue)
    {
        var name = PathNames.Tail(context, prefix);
        var asset = await catalogue.FindRowAsync(name, context.RequestAborted);
        if (asset is null && await LineageEndpoints.AnswerForUnknownAssetAsync(context, name) is { } aliasOrLineage)
            return aliasOrLineage;
        return asset is null
            ? throw ApiException.NotFound($"Error while retrieving asset :: no asset named '{name}'")
            : JsonResponses.Asset(asset);
    }

    /// <summary>Answers a one-element array, as the original did, but with what was stored (server-set <c>last-discovered-at</c>).</summary>
    private static async Task<IResult> PutOne(HttpContext context, JsonBodyReader reader, AssetCatalogue catalogue)
    {
        var asset = await reader.ReadAsync(context.Request, Json.Asset, "Invalid JSON Body");
        AuditTargets.Add(context, [asset.Name]);
        var problems = AssetValidator.Problems(asset.WithEmptyCollectionsForNulls());
        if (problems.Count > 0)
            throw ApiException.BadRequest(string.Join("; ", problems));
        var stored = await catalogue.UpsertAsync([asset], context.RequestAborted);
        return JsonResponses.Json(stored, Json.IReadOnlyListAsset, StatusCodes.Status201Created);
    }

    /// <summary>
    /// All or nothing: every item is parsed and validated first, and a 400 lists every bad item by index. With
    /// <c>?if-unchanged=true</c> (not in the original), only the assets still stored with the <c>last-discovered-at</c>
    /// they carry are stored (<see cref="AssetCatalogue.UpsertUnchangedAsync"/>), and the 200 lists those.
    /// </summary>
    private static async Task<IResult> PutMany(HttpContext context, JsonBodyReader reader, RequestLimits limits, AssetCatalogue catalogue)
    {
        var ifUnchanged = IfUnchanged(context.Request.Query["if-unchanged"]);
        using var document = await reader.ReadDocumentAsync(context.Request, "Invalid JSON Body");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
            throw ApiException.BadRequest($"Invalid JSON Body :: expected a JSON array of assets, got {JsonProblems.KindName(root.ValueKind)}");
        var count = root.GetArrayLength();
        if (count > limits.MaxBulkItems)
            throw ApiException.TooLarge($"too many assets in one request: {count} (the limit is {limits.MaxBulkItems}); send smaller batches");

        var assets = new List<Asset>(count);
        var problems = new List<string>();
        var index = 0;
        foreach (var element in root.EnumerateArray())
        {
            var parseProblem = JsonBodyReader.Problem(element, Json.Asset, out var asset);
            if (parseProblem is not null)
                problems.Add($"item {index}: {parseProblem}");
            else
            {
                problems.AddRange(AssetValidator.Problems(asset!.WithEmptyCollectionsForNulls()).Select(p => $"item {index}: {p}"));
                assets.Add(asset);
            }
            index++;
        }
        AuditTargets.Add(context, assets.Select(a => a.Name));
        if (problems.Count > 0)
            throw ApiException.BadRequest($"Invalid assets, none stored :: {string.Join("; ", problems)}");
        if (ifUnchanged)
            return JsonResponses.Json(await catalogue.UpsertUnchangedAsync(assets, context.RequestAborted), Json.IReadOnlyListAsset);
        var stored = await catalogue.UpsertAsync(assets, context.RequestAborted);
        return JsonResponses.Json(stored, Json.IReadOnlyListAsset, StatusCodes.Status201Created);
    }

    private static bool IfUnchanged(StringValues values) => values.ToString() switch
    {
        "" or "false" => false,
        "true" => true,
        var other => throw ApiException.BadRequest($"Invalid query parameter if-unchanged :: expected true or false, got '{other}'"),
    };

    private static async Task<IResult> Delete(HttpContext context, AssetCatalogue catalogue)
    {
        var name = PathNames.Tail(context, "/asset/name/");
        AuditTargets.Add(context, [name]);
        return await catalogue.DeleteAsync(name, context.RequestAborted)
            ? TypedResults.NoContent()
            : throw ApiException.NotFound($"Error while deleting asset :: no asset named '{name}'");
    }

    private static async Task<IResult> FindByTags(HttpContext context, JsonBodyReader reader, AssetCatalogue catalogue)
    {
        const string prefix = "Invalid query by tag";
        var query = await reader.ReadAsync(context.Request, Json.TagsQuery, prefix);
        var tags = (query.Tags ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct().ToList();
        if (tags.Count == 0)
            throw ApiException.BadRequest($"{prefix} :: empty tag list");
        var page = await catalogue.FindByTagsAsync(tags, Paging.FromBody(query.Page, query.Limit), context.RequestAborted);
        return JsonResponses.Json(page, Json.PageAsset);
    }

    private static async Task<IResult> FindByLabels(HttpContext context, JsonBodyReader reader, AssetCatalogue catalogue)
    {
        var (filter, page) = await LabelQueries.ReadBodyAsync(context, reader);
        return JsonResponses.Json(await catalogue.FindByLabelsAsync(filter, page, context.RequestAborted), Json.PageAsset);
    }

    private static async Task<IResult> Search(HttpContext context, JsonBodyReader reader, AssetCatalogue catalogue)
    {
        var (query, page) = await TextQueries.ReadBodyAsync(context, reader);
        return JsonResponses.Json(await catalogue.SearchAsync(query, page, context.RequestAborted), Json.PageAsset);
    }

    private static async Task<IResult> List(HttpContext context, AssetCatalogue catalogue) =>
        JsonResponses.Json(await catalogue.ListAsync(Paging.FromQuery(context.Request.Query), context.RequestAborted), Json.PageAsset);
}
