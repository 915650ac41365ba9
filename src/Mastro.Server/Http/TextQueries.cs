using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;

namespace Mastro.Server.Http;

/// <summary>Full-text query bodies <c>{query, limit, page}</c>.</summary>
internal static class TextQueries
{
    private const string ErrorPrefix = "Invalid text query";

    public static async Task<(SearchQuery Query, PageRequest Page)> ReadBodyAsync(HttpContext context, JsonBodyReader reader)
    {
        var body = await reader.ReadAsync(context.Request, MastroJsonContext.Default.TextQuery, ErrorPrefix);
        if (string.IsNullOrWhiteSpace(body.Query))
            throw ApiException.BadRequest($"{ErrorPrefix} :: empty text");
        var query = SearchQuery.Parse(body.Query)
            ?? throw ApiException.BadRequest($"{ErrorPrefix} :: '{body.Query}' has no searchable word (letters or digits)");
        return (query, Paging.FromBody(body.Page, body.Limit));
    }
}
