using Mastro.Core.Model;

namespace Mastro.Core.Tests;

public sealed class PaginationTests
{
    [Theory]
    // total, page, limit → prev, next, totalPage (reference §1.1)
    [InlineData(0, 1, 10, 0, 0, 0)]
    [InlineData(25, 1, 10, 0, 2, 3)]
    [InlineData(25, 2, 10, 1, 3, 3)]
    [InlineData(25, 3, 10, 2, 0, 3)]
    [InlineData(25, 7, 10, 6, 0, 3)]
    [InlineData(10, 1, 10, 0, 0, 1)]
    [InlineData(11, 1, 10, 0, 2, 2)]
    public void Arithmetic_follows_the_original(long total, int page, int limit, long prev, long next, long totalPage)
    {
        var pagination = Pagination.For(PageRequest.Of(page, limit), total);
        Assert.Equal(new Pagination(total, page, limit, prev, next, totalPage), pagination);
    }

    [Theory]
    [InlineData(0, 0, 1, 10)]
    [InlineData(-3, -1, 1, 10)]
    [InlineData(2, 5000, 2, 1000)]
    [InlineData(3, 7, 3, 7)]
    public void Requests_get_the_originals_defaults_and_a_capped_limit(long page, long limit, int expectedPage, int expectedLimit)
    {
        var request = PageRequest.Of(page, limit);
        Assert.Equal((expectedPage, expectedLimit), (request.Page, request.Limit));
        Assert.Equal((long)(expectedPage - 1) * expectedLimit, request.Skip);
    }
}
