using Mastro.Core.Model;

namespace Mastro.Server.Http;

/// <summary>
/// Reads <c>limit</c>/<c>page</c> from a query string or a query body. Absent or 0 means the original's
/// defaults (limit 10, page 1; the original UI sends page=0); anything else that is not a non-negative
/// integer is a 400 in the normal error body (the original answered raw strconv errors or <c>{}</c>).
/// </summary>
internal static class Paging
{
    public static readonly IReadOnlySet<string> ParameterNames = new HashSet<string>(StringComparer.Ordinal) { "limit", "page" };

    public static PageRequest FromQuery(IQueryCollection query) =>
        PageRequest.Of(QueryNumber(query, "page"), QueryNumber(query, "limit"));

    public static PageRequest FromBody(long page, long limit)
    {
        Ensure(page >= 0, "page");
        Ensure(limit >= 0, "limit");
        return PageRequest.Of(page, limit);
    }

    private static long QueryNumber(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
            return 0;
        if (values.Count > 1)
            throw ApiException.BadRequest($"{name} parameter is given more than once");
        if (!long.TryParse(values[0], System.Globalization.NumberStyles.None, null, out var number))
            throw ApiException.BadRequest($"{name} parameter is not a valid integer number");
        return number;
    }

    private static void Ensure(bool condition, string name)
    {
        if (!condition)
            throw ApiException.BadRequest($"{name} parameter must not be negative");
    }
}
