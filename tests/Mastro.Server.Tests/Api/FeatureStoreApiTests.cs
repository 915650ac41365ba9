using System.Net;
using System.Text.Json.Nodes;

namespace Mastro.Server.Tests.Api;

/// <summary>The feature store routes (reference §3) and the original Python client's expectations (§11).</summary>
public abstract class FeatureStoreApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    /// <summary>The feature set example of the original's documentation, with a name of this test's own.</summary>
    private static JsonObject Example(string name, string version = "test-v1.0") => JsonNode.Parse($$"""
        {
          "name": "{{name}}",
          "version": "{{version}}",
          "description": "example feature set for testing purposes",
          "labels": {"refers-to": "project-gilberto", "environment": "test"},
          "features": [
            {"name": "feature1", "value": 10, "data_type": "int"},
            {"name": "feature2", "value": true, "data_type": "bool"},
            {"name": "feature3", "value": {"col": [1, 2]}, "data_type": "pandas_dataframe"},
            {"name": "feature4", "value": "text", "data_type": "string"}
          ]
        }
        """)!.AsObject();

    private static readonly string[] FeatureSetKeys = ["description", "features", "inserted_at", "labels", "name", "version"];

    [Fact]
    public async Task Put_answers_the_stored_set_with_exactly_the_original_keys_and_its_id_in_Location()
    {
        var name = Unique("fs");
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var put = await Api.PutAsync("/featureset/", Example(name));

        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.Equal(FeatureSetKeys, put.Json.AsObject().Select(p => p.Key).Order());
        Assert.InRange(DateTimeOffset.Parse((string)put.Json["inserted_at"]!), before, DateTimeOffset.UtcNow.AddSeconds(1));
        var location = put.Headers.Location?.ToString();
        Assert.StartsWith("/featureset/id/", location);
        var byId = await Api.GetAsync(location!);
        Assert.Equal(HttpStatusCode.OK, byId.Status);
        Assert.True(JsonNode.DeepEquals(put.Json, byId.Json), $"{put.Json} vs {byId.Json}");
        Assert.Equal("{\"col\":[1,2]}", byId.Json["features"]![2]!["value"]!.ToJsonString());
    }

    [Fact]
    public async Task Sets_of_one_name_are_listed_newest_first()
    {
        var name = Unique("versions");
        foreach (var version in new[] { "v1", "v2", "v3" })
            Assert.Equal(HttpStatusCode.Created, (await Api.PutAsync("/featureset/", Example(name, version))).Status);

        var page = await Api.GetAsync($"/featureset/name/{name}?limit=2&page=1");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["v3", "v2"], page.Json["data"]!.AsArray().Select(s => (string)s!["version"]!));
        Assert.Equal(3, (long)page.Json["pagination"]!["total"]!);
        Assert.Equal(2, (long)page.Json["pagination"]!["next"]!);
        Assert.Equal(["data", "pagination"], page.Json.AsObject().Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Label_queries_by_body_and_query_string_require_every_label()
    {
        var project = Unique("project");
        var name = Unique("labelled");
        var set = Example(name);
        set["labels"]!["refers-to"] = project;
        await Api.PutAsync("/featureset/", set);
        var other = Example(Unique("other"));
        other["labels"]!["refers-to"] = project;
        other["labels"]!["environment"] = "prod";
        await Api.PutAsync("/featureset/", other);

        var body = await Api.PostAsync("/featureset/labels",
            new JsonObject { ["labels"] = new JsonObject { ["refers-to"] = project, ["environment"] = "test" }, ["limit"] = 10, ["page"] = 1 });
        var query = await Api.GetAsync($"/featureset/labels?refers-to={project}&environment=test&limit=10&page=1");
        var either = await Api.GetAsync($"/featureset/labels?refers-to={project}&environment=test&environment=prod");

        Assert.Equal([name], Names(body.Json));
        Assert.Equal([name], Names(query.Json));
        Assert.Equal(2, either.Json["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Label_queries_without_labels_are_bad_requests()
    {
        var get = await Api.GetAsync("/featureset/labels?limit=10&page=1");
        var post = await Api.PostAsync("/featureset/labels", """{"labels":{}}""");
        Assert.Equal("Invalid query by labels :: empty label dict", get.ErrorMessage);
        Assert.Equal("Invalid query by labels :: empty label dict", post.ErrorMessage);
    }

    [Fact]
    public async Task Search_finds_sets_by_description_words_also_at_the_python_clients_root_paths()
    {
        var word = $"fsq{Guid.NewGuid():N}"[..14];
        var set = Example(Unique("searchable"));
        set["description"] = $"features about {word} churn";
        await Api.PutAsync("/featureset/", set);

        var search = await Api.PostAsync("/featureset/search", new JsonObject { ["query"] = word, ["limit"] = 10, ["page"] = 1 });
        var rootSearch = await Api.PostAsync("/search", new JsonObject { ["query"] = word, ["limit"] = 10, ["page"] = 1 });
        var rootLabels = await Api.PostAsync("/labels", new JsonObject { ["labels"] = new JsonObject { ["refers-to"] = "project-gilberto" }, ["limit"] = 1, ["page"] = 1 });

        Assert.Equal([(string)set["name"]!], Names(search.Json));
        Assert.Equal(Names(search.Json), Names(rootSearch.Json));
        Assert.Equal(HttpStatusCode.OK, rootLabels.Status);
        Assert.Single(rootLabels.Json["data"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"version":"v1","features":[]}""", "FeatureSet Name is undefined")]
    [InlineData("""{"name":"a","features":[]}""", "FeatureSet Version is undefined")]
    [InlineData("""{"name":"a","version":"v","features":[{"value":1,"data_type":"int"}]}""", "Feature Name is undefined")]
    [InlineData("""{"name":"a","version":"v","features":[{"name":"f","data_type":"int"}]}""", "Feature Value for Feature f is undefined")]
    [InlineData("""{"name":"a","version":"v","features":[{"name":"f","value":null,"data_type":"int"}]}""", "Feature Value for Feature f is undefined")]
    [InlineData("""{"name":"a","version":"v","features":[{"name":"f","value":1}]}""", "Feature Data Type for Feature f is undefined")]
    [InlineData("""{"name":"a","version":"v","labels":{"k":1}}""", "$.labels.k: expected a string")]
    [InlineData("""{"name":"a","version":"v","features":{}}""", "$.features: expected an array")]
    public async Task Invalid_feature_sets_are_bad_requests_that_name_the_problem(string body, string expected)
    {
        var put = await Api.PutAsync("/featureset/", body);
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Contains(expected, put.ErrorMessage);
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        foreach (var id in new[] { "0123456789abcdef0123456789abcdef", "not-an-id", "1" })
        {
            var response = await Api.GetAsync($"/featureset/id/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Contains("no feature set with id", response.ErrorMessage);
        }
    }

    [Theory]
    [InlineData("/featureset/name/x?limit=a&page=1", "limit parameter is not a valid integer number")]
    [InlineData("/featureset/?limit=1&page=-2", "page parameter is not a valid integer number")]
    public async Task Bad_paging_is_a_400_error_body(string path, string expected)
    {
        var response = await Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(expected, response.ErrorMessage);
    }
}

public sealed class SqliteFeatureStoreApiTests(SqliteApiFactory factory) : FeatureStoreApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresFeatureStoreApiTests(PostgresApiFactory factory) : FeatureStoreApiTests(factory), IClassFixture<PostgresApiFactory>;
