using System.Text.Json.Serialization;

namespace Mastro.Core.Model;

/// <summary>The original's paginated body: <c>{data, pagination}</c>.</summary>
public sealed record Page<T>(
    [property: JsonPropertyName("data")] IReadOnlyList<T> Data,
    [property: JsonPropertyName("pagination")] Pagination Pagination)
{
    public Page<TOut> Map<TOut>(Func<T, TOut> map) => new(Data.Select(map).ToList(), Pagination);
}

/// <summary>Page arithmetic of the original (reference §1.1), minus its "empty page is an error" bug.</summary>
public sealed record Pagination(
    [property: JsonPropertyName("total")] long Total,
    [property: JsonPropertyName("page")] long Page,
    [property: JsonPropertyName("perPage")] long PerPage,
    [property: JsonPropertyName("prev")] long Prev,
    [property: JsonPropertyName("next")] long Next,
    [property: JsonPropertyName("totalPage")] long TotalPage)
{
    public static Pagination For(PageRequest request, long total)
    {
        var totalPage = (total + request.Limit - 1) / request.Limit;
        var prev = request.Page > 1 && total > 0 ? request.Page - 1 : 0;
        var next = request.Page < totalPage && total > 0 ? request.Page + 1 : 0;
        return new Pagination(total, request.Page, request.Limit, prev, next, totalPage);
    }
}

/// <summary>A validated page request: <see cref="Page"/> ≥ 1 and 1 ≤ <see cref="Limit"/> ≤ <see cref="MaxLimit"/>.</summary>
public sealed record PageRequest
{
    public const int DefaultLimit = 10;
    public const int MaxLimit = 1000;

    public int Page { get; }
    public int Limit { get; }
    public long Skip => (long)(Page - 1) * Limit;

    private PageRequest(int page, int limit) => (Page, Limit) = (page, limit);

    public static readonly PageRequest First = new(1, DefaultLimit);

    /// <summary>
    /// Applies the original's defaults (limit &lt; 1 → 10, page &lt; 1 → 1; the UI sends page=0) and caps the
    /// limit. Negative values are the caller's to reject before this: they are never meaningful.
    /// </summary>
    public static PageRequest Of(long page, long limit) =>
        new((int)Math.Clamp(page, 1, int.MaxValue), (int)(limit < 1 ? DefaultLimit : Math.Min(limit, MaxLimit)));

    public Page<T> ToPage<T>(IReadOnlyList<T> data, long total) => new(data, Pagination.For(this, total));
}
