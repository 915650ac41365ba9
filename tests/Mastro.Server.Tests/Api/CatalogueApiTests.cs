using System.Net;
using System.Text.Json.Nodes;

namespace Mastro.Server.Tests.Api;

/// <summary>The catalogue routes: the original's documented behaviour, with its bugs (reference §14) fixed.</summary>
public abstract class CatalogueApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    [Fact]
    public async Task Put_returns_what_was_stored_with_the_server_set_discovery_time()
    {
        var name = Unique("orders");
        var asset = Asset(name, "table", "all orders", ["sales"]);
        asset["last-discovered-at"] = "2001-01-01T00:00:00Z";
        asset["published-on"] = "2015-08-06T17:52:48Z";
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var put = await Api.PutAsync("/asset/", asset);

        Assert.Equal(HttpStatusCode.Created, put.Status);
        var stored = Assert.Single(put.Json.AsArray())!;
        var discovered = DateTimeOffset.Parse((string)stored["last-discovered-at"]!);
        Assert.InRange(discovered, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal("2015-08-06T17:52:48Z", (string)stored["published-on"]!);
        var get = await Api.GetAsync($"/asset/name/{name}");
        Assert.Equal(HttpStatusCode.OK, get.Status);
        Assert.True(JsonNode.DeepEquals(stored, get.Json), $"PUT answered {stored} but GET gives {get.Json}");
        Assert.True(JsonNode.DeepEquals(get.Json, (await Api.GetAsync($"/asset/id/{name}")).Json));
    }

    [Fact]
    public async Task Asset_json_has_the_original_keys_and_never_null_collections()
    {
        var name = Unique("nulls");
        var put = await Api.PutAsync("/asset/", $$"""{"name":"{{name}}","type":"model","tags":null,"labels":null,"depends-on":null,"versions":null}""");
        Assert.Equal(HttpStatusCode.Created, put.Status);

        var asset = (await Api.GetAsync($"/asset/name/{name}")).Json.AsObject();

        Assert.Equal(
            ["last-discovered-at", "published-on", "name", "description", "depends-on", "type", "labels", "tags", "versions"],
            asset.Select(p => p.Key));
        Assert.Equal("[]", asset["tags"]!.ToJsonString());
        Assert.Equal("[]", asset["depends-on"]!.ToJsonString());
        Assert.Equal("{}", asset["labels"]!.ToJsonString());
        Assert.Equal("{}", asset["versions"]!.ToJsonString());
        Assert.Equal("0001-01-01T00:00:00Z", (string)asset["published-on"]!);
        Assert.Equal("", (string)asset["description"]!);
    }

    [Fact]
    public async Task Put_if_unchanged_stores_only_assets_nobody_wrote_or_deleted_since_they_were_read()
    {
        var (kept, edited, deleted) = (Unique("kept"), Unique("edited"), Unique("deleted"));
        await Api.PutAsync("/assets/", new JsonArray(Asset(kept), Asset(edited), Asset(deleted)));
        var read = new List<JsonObject>();
        foreach (var name in new[] { kept, edited, deleted })
            read.Add((await Api.GetAsync($"/asset/name/{name}")).Json.AsObject());
        await Api.PutAsync("/asset/", Asset(edited, description: "edited meanwhile"));
        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, $"/asset/name/{deleted}", null)).Status);
        foreach (var asset in read) asset["description"] = "sent back";

        var put = await Api.PutAsync("/assets/?if-unchanged=true", new JsonArray([.. read.Select(a => a.DeepClone())]));

        Assert.Equal(HttpStatusCode.OK, put.Status);
        Assert.Equal([kept], put.Json.AsArray().Select(a => (string)a!["name"]!));
        Assert.Equal("sent back", (string)(await Api.GetAsync($"/asset/name/{kept}")).Json["description"]!);
        Assert.Equal("edited meanwhile", (string)(await Api.GetAsync($"/asset/name/{edited}")).Json["description"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/asset/name/{deleted}")).Status);
    }

    [Fact]
    public async Task Put_if_unchanged_with_a_value_other_than_true_or_false_is_a_400_naming_it()
    {
        var name = Unique("flag");

        var put = await Api.PutAsync("/assets/?if-unchanged=yes", new JsonArray(Asset(name)));

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Contains("if-unchanged", (string)put.Json["message"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/asset/name/{name}")).Status);
    }

    [Fact]
    public async Task Put_replaces_the_whole_asset_of_that_name()
    {
        var name = Unique("replace");
        await Api.PutAsync("/asset/", Asset(name, "dataset", "first", ["a", "b"], new JsonObject { ["owner"] = "x" }));
        await Api.PutAsync("/asset/", Asset(name, "table", "second"));

        var asset = (await Api.GetAsync($"/asset/name/{name}")).Json;

        Assert.Equal("table", (string)asset["type"]!);
        Assert.Equal("second", (string)asset["description"]!);
        Assert.Empty(asset["tags"]!.AsArray());
        Assert.Empty(asset["labels"]!.AsObject());
    }

    [Theory]
    [InlineData("PUT", "/asset")]
    [InlineData("PUT", "/asset/")]
    [InlineData("PUT", "/assets")]
    [InlineData("PUT", "/assets/")]
    public async Task Both_slash_variants_of_put_answer_directly(string method, string path)
    {
        var name = Unique("slash");
        var body = path.StartsWith("/assets", StringComparison.Ordinal) ? Array(Asset(name)).ToJsonString() : Asset(name).ToJsonString();

        var response = await Api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/asset/name/{name}")).Status);
    }

    [Theory]
    [InlineData("/assets?limit=1&page=1")]
    [InlineData("/assets/?limit=1&page=1")]
    public async Task Both_slash_variants_of_the_listing_answer_directly(string path)
    {
        await Api.PutAsync("/asset/", Asset(Unique("listed")));
        var response = await Api.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Single(response.Json["data"]!.AsArray());
    }

    [Fact]
    public async Task Bulk_upsert_stores_every_asset_and_answers_them_as_stored()
    {
        var names = Enumerable.Range(0, 3).Select(i => Unique($"bulk{i}")).ToArray();

        var put = await Api.PutAsync("/assets/", Array(names.Select(n => (JsonNode)Asset(n, "table")).ToArray()));

        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.Equal(names, put.Json.AsArray().Select(a => (string)a!["name"]!));
        Assert.All(put.Json.AsArray(), a => Assert.NotEqual("0001-01-01T00:00:00Z", (string)a!["last-discovered-at"]!));
        foreach (var name in names)
            Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/asset/name/{name}")).Status);
    }

    [Fact]
    public async Task Bulk_upsert_with_invalid_items_stores_nothing_and_names_every_bad_item()
    {
        var good1 = Unique("good");
        var good2 = Unique("good");
        var body = $$"""
            [{"name":"{{good1}}","type":"dataset"},
             {"name":"","type":"dataset"},
             {"name":"{{good2}}","type":"dataset"},
             {"name":"x","type":"spaceship"},
             {"name":"y","type":"table","tags":"not-a-list"}]
            """;

        var put = await Api.PutAsync("/assets/", body);

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        var message = put.ErrorMessage;
        Assert.Contains("item 1: Name is undefined", message);
        Assert.Contains("item 3: invalid value spaceship for AssetType", message);
        Assert.Contains("item 4: $.tags", message);
        Assert.DoesNotContain("item 0", message);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/asset/name/{good1}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/asset/name/{good2}")).Status);
    }

    [Fact]
    public async Task Tag_search_finds_assets_with_all_the_tags()
    {
        var tag = Unique("tag");
        var both = Unique("both");
        await Api.PutAsync("/assets/", Array(
            Asset(both, tags: [tag, "gold"]),
            Asset(Unique("one"), tags: [tag]),
            Asset(Unique("other"), tags: ["gold"])));

        var result = await Api.PostAsync("/assets/tags", new JsonObject { ["tags"] = Array("gold", tag), ["limit"] = 10, ["page"] = 1 });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal([both], Names(result.Json));
        Assert.Equal(1, (int)result.Json["pagination"]!["total"]!);
    }

    [Fact]
    public async Task Tag_search_without_tags_is_a_bad_request()
    {
        var result = await Api.PostAsync("/assets/tags", """{"tags":[]}""");
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("Invalid query by tag :: empty tag list", result.ErrorMessage);
    }

    [Fact]
    public async Task Text_search_covers_name_description_tags_and_labels_with_prefixes()
    {
        var word = $"zq{Guid.NewGuid():N}"[..12];
        var byName = $"{word}_orders_2021";
        var byDescription = Unique("desc");
        var byTag = Unique("tagged");
        var byLabel = Unique("labelled");
        await Api.PutAsync("/assets/", Array(
            Asset(byName),
            Asset(byDescription, description: $"orders of {word} customers"),
            Asset(byTag, tags: [$"{word}-tag"]),
            Asset(byLabel, labels: new JsonObject { ["schema"] = new JsonArray(new JsonObject { ["name"] = word, ["type"] = "int" }) })));

        var result = await Api.PostAsync("/assets/search", new JsonObject { ["query"] = word, ["limit"] = 10, ["page"] = 1 });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(byName, Names(result.Json)[0]);
        Assert.Equal(new[] { byDescription, byLabel, byName, byTag }.Order(), Names(result.Json).Order());
        var prefix = await Api.PostAsync("/assets/search", new JsonObject { ["query"] = word[..8] + " orders" });
        Assert.Equal(new[] { byDescription, byName }.Order(), Names(prefix.Json).Order());
    }

    [Fact]
    public async Task Text_search_without_a_match_is_an_empty_page_not_an_error()
    {
        var result = await Api.PostAsync("/assets/search", """{"query":"nothingmatchesthisqueryzzz"}""");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Empty(result.Json["data"]!.AsArray());
        Assert.Equal(0, (int)result.Json["pagination"]!["total"]!);
    }

    [Theory]
    [InlineData("""{"query":""}""", "Invalid text query :: empty text")]
    [InlineData("""{"query":"  "}""", "Invalid text query :: empty text")]
    [InlineData("""{"query":"--- ***"}""", "no searchable word")]
    [InlineData("""{"query":5}""", "$.query: expected a string")]
    [InlineData("""{"query":"x","limit":"5"}""", "$.limit: expected a whole number")]
    [InlineData("""{"query":"x","limit":-1}""", "limit parameter must not be negative")]
    [InlineData("""{"query":"x","page":1.5}""", "$.page")]
    [InlineData("""[1,2]""", "expected a JSON object")]
    [InlineData("""{"query":""", "malformed JSON")]
    public async Task Bad_search_bodies_are_bad_requests_that_name_the_problem(string body, string expected)
    {
        var result = await Api.PostAsync("/assets/search", body);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(expected, result.ErrorMessage);
    }

    [Fact]
    public async Task Search_words_are_text_not_query_syntax()
    {
        var name = Unique("syntax");
        await Api.PutAsync("/asset/", Asset(name, description: "select * from t where a = 'b' NEAR/2 OR \"quoted\""));

        foreach (var query in new[] { "\"quoted\"", "NEAR/2", "'b' OR", "select *", "a = -b", "t:*" })
        {
            var result = await Api.PostAsync("/assets/search", new JsonObject { ["query"] = query, ["limit"] = 1000 });
            Assert.Equal(HttpStatusCode.OK, result.Status);
        }
        var found = await Api.PostAsync("/assets/search", new JsonObject { ["query"] = "\"quoted\" NEAR", ["limit"] = 1000 });
        Assert.Contains(name, Names(found.Json));
    }

    [Fact]
    public async Task Label_query_matches_string_labels()
    {
        var crawler = Unique("crawler");
        var mine = Unique("mine");
        await Api.PutAsync("/assets/", Array(
            Asset(mine, labels: new JsonObject { ["crawler"] = crawler }),
            Asset(Unique("notmine"), labels: new JsonObject { ["crawler"] = "other" })));

        var result = await Api.PostAsync("/assets/labels", new JsonObject { ["labels"] = new JsonObject { ["crawler"] = crawler } });

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal([mine], Names(result.Json));
    }

    [Fact]
    public async Task Names_with_slashes_resolve_raw_and_percent_encoded()
    {
        var name = $"s3://bucket/{Guid.NewGuid():N}/part-0000.parquet";
        Assert.Equal(HttpStatusCode.Created, (await Api.PutAsync("/asset/", Asset(name))).Status);

        var raw = await Api.GetAsync($"/asset/name/{name}");
        var encoded = await Api.GetAsync($"/asset/name/{Uri.EscapeDataString(name)}");

        Assert.Equal(HttpStatusCode.OK, raw.Status);
        Assert.Equal(name, (string)raw.Json["name"]!);
        Assert.Equal(HttpStatusCode.OK, encoded.Status);
        Assert.Equal(name, (string)encoded.Json["name"]!);
    }

    [Fact]
    public async Task Unknown_asset_is_a_404_error_body()
    {
        var result = await Api.GetAsync($"/asset/name/{Unique("missing")}");
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.StartsWith("Error while retrieving asset", result.ErrorMessage);
        Assert.Equal("not_found", (string)result.Json["error"]!);
    }

    [Theory]
    [InlineData("""{"type":"dataset"}""", "Name is undefined")]
    [InlineData("""{"name":"   ","type":"dataset"}""", "Name is undefined")]
    [InlineData("""{"name":"a"}""", "AssetType is empty")]
    [InlineData("""{"name":"a","type":"Dataset"}""", "invalid value Dataset for AssetType")]
    [InlineData("""{"name":"a\u0007b","type":"dataset"}""", "control characters")]
    [InlineData("""{"name":"a","type":"dataset","tags":"x"}""", "$.tags: expected an array of strings")]
    [InlineData("""{"name":"a","type":"dataset","tags":[null]}""", "tags[0] is empty")]
    [InlineData("""{"name":"a","type":"dataset","labels":[]}""", "$.labels: expected an object")]
    [InlineData("""{"name":"a","type":"dataset","published-on":"yesterday"}""", "$.published-on")]
    [InlineData("""{"name":["a"],"type":"dataset"}""", "$.name: expected a string")]
    [InlineData("""{"name":"a","type":"dataset",""", "malformed JSON")]
    [InlineData("""[{"name":"a","type":"dataset"}]""", "expected a JSON object, got an array")]
    [InlineData("""null""", "expected a JSON object, got null")]
    [InlineData("", "request body is empty")]
    public async Task Invalid_assets_are_bad_requests_that_name_the_problem(string body, string expected)
    {
        var result = await Api.PutAsync("/asset/", body);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains(expected, result.ErrorMessage);
    }

    [Fact]
    public async Task Names_of_512_characters_are_fine_and_513_are_rejected()
    {
        var ok = await Api.PutAsync("/asset/", Asset(Unique("n").PadRight(512, 'x')));
        var tooLong = await Api.PutAsync("/asset/", Asset(Unique("n").PadRight(513, 'x')));

        Assert.Equal(HttpStatusCode.Created, ok.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        Assert.Contains("longer than 512", tooLong.ErrorMessage);
    }

    [Fact]
    public async Task Unicode_names_and_deeply_nested_labels_round_trip()
    {
        var name = Unique("données-日本語-🚀");
        var labels = JsonNode.Parse("""{"schema":[{"name":"ä","type":"int","comment":null}],"n":1.5,"b":true,"deep":{"a":{"b":[1,{"c":null}]}}}""")!.AsObject();
        await Api.PutAsync("/asset/", Asset(name, labels: labels));

        var asset = (await Api.GetAsync($"/asset/name/{Uri.EscapeDataString(name)}")).Json;

        Assert.Equal(name, (string)asset["name"]!);
        Assert.True(JsonNode.DeepEquals(labels, asset["labels"]), asset["labels"]!.ToJsonString());
    }
}

public sealed class SqliteCatalogueApiTests(SqliteApiFactory factory) : CatalogueApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresCatalogueApiTests(PostgresApiFactory factory) : CatalogueApiTests(factory), IClassFixture<PostgresApiFactory>;
