using System.Net;
using System.Text.Json.Nodes;

namespace Mastro.Server.Tests.Api;

/// <summary>Page arithmetic (reference §1.1) and its error handling, through the tags query and the listing.</summary>
public abstract class PaginationApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    private async Task<(string Tag, string[] Names)> SeedAsync(int count)
    {
        var tag = Unique("page");
        var names = Enumerable.Range(0, count).Select(i => $"{tag}-{i:D2}").ToArray();
        var put = await Api.PutAsync("/assets/", Array(names.Select(n => (JsonNode)Asset(n, tags: [tag])).ToArray()));
        Assert.Equal(HttpStatusCode.Created, put.Status);
        return (tag, names);
    }

    private Task<ApiResponse> ByTag(string tag, long limit, long page) =>
        Api.PostAsync("/assets/tags", new JsonObject { ["tags"] = Array(tag), ["limit"] = limit, ["page"] = page });

    private static void AssertPagination(JsonNode body, long total, long page, long perPage, long prev, long next, long totalPage)
    {
        var p = body["pagination"]!.AsObject();
        Assert.Equal(["next", "page", "perPage", "prev", "total", "totalPage"], p.Select(x => x.Key).Order());
        Assert.Equal((total, page, perPage, prev, next, totalPage),
            ((long)p["total"]!, (long)p["page"]!, (long)p["perPage"]!, (long)p["prev"]!, (long)p["next"]!, (long)p["totalPage"]!));
    }

    [Fact]
    public async Task Pages_split_the_results_in_insertion_order()
    {
        var (tag, names) = await SeedAsync(7);

        var first = (await ByTag(tag, 3, 1)).Json;
        var middle = (await ByTag(tag, 3, 2)).Json;
        var last = (await ByTag(tag, 3, 3)).Json;

        Assert.Equal(names[..3], Names(first));
        Assert.Equal(names[3..6], Names(middle));
        Assert.Equal(names[6..], Names(last));
        AssertPagination(first, total: 7, page: 1, perPage: 3, prev: 0, next: 2, totalPage: 3);
        AssertPagination(middle, total: 7, page: 2, perPage: 3, prev: 1, next: 3, totalPage: 3);
        AssertPagination(last, total: 7, page: 3, perPage: 3, prev: 2, next: 0, totalPage: 3);
    }

    [Fact]
    public async Task A_page_past_the_end_is_an_empty_page()
    {
        var (tag, _) = await SeedAsync(2);
        var response = await ByTag(tag, 3, 5);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Json["data"]!.AsArray());
        AssertPagination(response.Json, total: 2, page: 5, perPage: 3, prev: 4, next: 0, totalPage: 1);
    }

    [Fact]
    public async Task Zero_means_the_original_defaults_and_large_limits_are_capped()
    {
        var (tag, _) = await SeedAsync(2);
        AssertPagination((await ByTag(tag, 0, 0)).Json, total: 2, page: 1, perPage: 10, prev: 0, next: 0, totalPage: 1);
        AssertPagination((await ByTag(tag, 5000, 1)).Json, total: 2, page: 1, perPage: 1000, prev: 0, next: 0, totalPage: 1);
    }

    [Fact]
    public async Task No_match_is_an_empty_page_with_zero_totals()
    {
        var response = await ByTag(Unique("none"), 10, 1);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Empty(response.Json["data"]!.AsArray());
        AssertPagination(response.Json, total: 0, page: 1, perPage: 10, prev: 0, next: 0, totalPage: 0);
    }

    [Theory]
    [InlineData("/assets/?limit=abc&page=1", "limit parameter is not a valid integer number")]
    [InlineData("/assets/?limit=5&page=x", "page parameter is not a valid integer number")]
    [InlineData("/assets/?limit=-1&page=1", "limit parameter is not a valid integer number")]
    [InlineData("/assets/?limit=1.5", "limit parameter is not a valid integer number")]
    [InlineData("/assets/?limit=99999999999999999999999", "limit parameter is not a valid integer number")]
    [InlineData("/assets/?limit=1&limit=2", "limit parameter is given more than once")]
    public async Task Bad_paging_parameters_are_400_error_bodies(string path, string expected)
    {
        var response = await Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(expected, response.ErrorMessage);
    }

    [Fact]
    public async Task Listing_without_parameters_uses_the_defaults()
    {
        await SeedAsync(1);
        var response = await Api.GetAsync("/assets/");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(10, (long)response.Json["pagination"]!["perPage"]!);
        Assert.Equal(1, (long)response.Json["pagination"]!["page"]!);
    }
}

public sealed class SqlitePaginationApiTests(SqliteApiFactory factory) : PaginationApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresPaginationApiTests(PostgresApiFactory factory) : PaginationApiTests(factory), IClassFixture<PostgresApiFactory>;
