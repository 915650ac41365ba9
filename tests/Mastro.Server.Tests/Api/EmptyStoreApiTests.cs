using System.Net;

namespace Mastro.Server.Tests.Api;

/// <summary>
/// On an empty store every listing and query is an empty page (the original answered 200 <c>null</c>,
/// 404 or 500 depending on the route). Each backend gets its own fresh store for this class alone.
/// </summary>
public abstract class EmptyStoreApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    [Theory]
    [InlineData("GET", "/assets/?limit=10&page=1", null)]
    [InlineData("POST", "/assets/tags", """{"tags":["x"]}""")]
    [InlineData("POST", "/assets/search", """{"query":"x"}""")]
    [InlineData("POST", "/assets/labels", """{"labels":{"x":"y"}}""")]
    [InlineData("GET", "/featureset/?limit=10&page=1", null)]
    [InlineData("GET", "/featureset/name/nothing?limit=10&page=1", null)]
    [InlineData("GET", "/featureset/labels?x=y", null)]
    [InlineData("POST", "/featureset/labels", """{"labels":{"x":"y"}}""")]
    [InlineData("POST", "/featureset/search", """{"query":"x"}""")]
    [InlineData("GET", "/metricstore/?limit=10&page=1", null)]
    [InlineData("GET", "/metricstore/name/nothing", null)]
    [InlineData("GET", "/metricstore/labels?x=y", null)]
    [InlineData("POST", "/metricstore/search", """{"query":"x"}""")]
    public async Task Empty_results_are_empty_pages(string method, string path, string? body)
    {
        var response = await Api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("[]", response.Json["data"]!.ToJsonString());
        Assert.Equal(0, (long)response.Json["pagination"]!["total"]!);
    }
}

public sealed class SqliteEmptyStoreApiTests(SqliteApiFactory factory) : EmptyStoreApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresEmptyStoreApiTests(PostgresApiFactory factory) : EmptyStoreApiTests(factory), IClassFixture<PostgresApiFactory>;
