using System.Net;
using System.Text.Json.Nodes;

namespace Mastro.Server.Tests.Api;

/// <summary>Deleting assets, feature sets and metric sets (admin-only when tokens are required; see Security/).</summary>
public abstract class DeletionApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Deleting_an_asset_answers_204_and_it_is_gone_from_reads_and_search()
    {
        var name = $"s3://bucket/{Unique("doomed")}/part.parquet";
        await Api.PutAsync("/asset/", Asset(name, description: "doomedmarker"));

        var deleted = await Api.SendAsync(HttpMethod.Delete, $"/asset/name/{name}", null);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal("", deleted.Text);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/asset/name/{Uri.EscapeDataString(name)}")).Status);
        Assert.DoesNotContain(name, Names((await Api.PostAsync("/assets/search", new JsonObject { ["query"] = "doomedmarker" })).Json));
        var again = await Api.SendAsync(HttpMethod.Delete, $"/asset/name/{Uri.EscapeDataString(name)}", null);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
        Assert.Contains("no asset named", again.ErrorMessage);
    }

    [Theory]
    [InlineData("/featureset")]
    [InlineData("/metricstore")]
    public async Task Deleting_a_set_by_id_answers_204_and_leaves_other_versions(string basePath)
    {
        var name = Unique("set");
        var body = new JsonObject { ["name"] = name, ["version"] = "v1", ["description"] = "", ["labels"] = new JsonObject() };
        body[basePath == "/featureset" ? "features" : "metrics"] = new JsonArray();
        var first = (await Api.PutAsync($"{basePath}/", body.DeepClone())).Headers.Location!.ToString();
        var second = (await Api.PutAsync($"{basePath}/", body.DeepClone())).Headers.Location!.ToString();

        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, first, null)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync(first)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync(second)).Status);
        Assert.Equal(1, (int)(await Api.GetAsync($"{basePath}/name/{name}")).Json["pagination"]!["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Delete, first, null)).Status);
    }
}

public sealed class SqliteDeletionApiTests(SqliteApiFactory factory) : DeletionApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresDeletionApiTests(PostgresApiFactory factory) : DeletionApiTests(factory), IClassFixture<PostgresApiFactory>;
