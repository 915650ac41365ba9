using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;

namespace Mastro.Server.Http;

/// <summary>Label queries: a JSON body <c>{labels, limit, page}</c> or a query string <c>?k=v&amp;k2=v2&amp;limit=&amp;page=</c>.</summary>
internal static class LabelQueries
{
    private const string ErrorPrefix = "Invalid query by labels";

    public static async Task<(LabelFilter Filter, PageRequest Page)> ReadBodyAsync(HttpContext context, JsonBodyReader reader)
    {
        var query = await reader.ReadAsync(context.Request, MastroJsonContext.Default.LabelsQuery, ErrorPrefix);
        var labels = query.Labels ?? new Dictionary<string, string>();
        if (labels.Count == 0)
            throw ApiException.BadRequest($"{ErrorPrefix} :: empty label dict");
        if (labels.Any(l => l.Value is null))
            throw ApiException.BadRequest($"{ErrorPrefix} :: label values must be strings");
        return (LabelFilter.FromSingleValues(labels), Paging.FromBody(query.Page, query.Limit));
    }

    /// <summary>
    /// Every query key except limit/page is a label. A key given several times matches any of its values
    /// (the original silently used the first); no label at all is a 400 (the original returned everything).
    /// </summary>
    public static (LabelFilter Filter, PageRequest Page) FromQueryString(IQueryCollection query)
    {
        var labels = query
            .Where(q => !Paging.ParameterNames.Contains(q.Key))
            .ToDictionary(q => q.Key, q => (IReadOnlyList<string>)q.Value.Select(v => v ?? "").Distinct().ToList());
        if (labels.Count == 0)
            throw ApiException.BadRequest($"{ErrorPrefix} :: empty label dict");
        return (new LabelFilter(labels), Paging.FromQuery(query));
    }
}
