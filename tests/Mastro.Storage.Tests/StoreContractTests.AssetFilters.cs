using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Finding assets by tags and by labels.</summary>
public abstract partial class StoreContractTests
{
    private async Task<string[]> TaggedAsync(params string[] tags) =>
        TestDataAssert.Names(await Store.Assets.FindByTagsAsync(tags, All, NoCancellation));

    private async Task<string[]> LabelledAsync(params (string Key, string[] Values)[] labels) =>
        TestDataAssert.Names(await Store.Assets.FindByLabelsAsync(Labels(labels), All, NoCancellation));

    [Fact]
    public async Task Tags_query_finds_assets_carrying_every_tag_in_insertion_order()
    {
        await UpsertAsync(
            Asset("daily_sales", tags: ["sales", "daily"]),
            Asset("sales", tags: ["sales"]),
            Asset("daily_eu", tags: ["daily", "eu"]),
            Asset("untagged"),
            Asset("all_three", tags: ["eu", "daily", "sales"]));

        Assert.Equal(["daily_sales", "all_three"], await TaggedAsync("sales", "daily"));
        Assert.Equal(["daily_sales", "all_three"], await TaggedAsync("daily", "sales"));
        Assert.Equal(["daily_sales", "sales", "all_three"], await TaggedAsync("sales"));
        Assert.Equal(["daily_sales", "sales", "all_three"], await TaggedAsync("sales", "sales"));
        Assert.Equal(["all_three"], await TaggedAsync("sales", "daily", "eu"));
        Assert.Empty(await TaggedAsync("unknown"));
        Assert.Empty(await TaggedAsync("sales", "unknown"));
    }

    [Fact]
    public async Task Tags_match_whole_tags_exactly()
    {
        await UpsertAsync(
            Asset("lower", tags: ["sales"]),
            Asset("capital", tags: ["Sales"]),
            Asset("longer", tags: ["sales-eu"]),
            Asset("spaced", tags: ["sales "]));

        Assert.Equal(["lower"], await TaggedAsync("sales"));
        Assert.Equal(["capital"], await TaggedAsync("Sales"));
        Assert.Equal(["longer"], await TaggedAsync("sales-eu"));
        Assert.Empty(await TaggedAsync("sale"));
        Assert.Empty(await TaggedAsync("sales-"));
    }

    [Fact]
    public async Task A_tag_listed_twice_on_an_asset_counts_once()
    {
        await UpsertAsync(Asset("doubled", tags: ["a", "a", "b"]), Asset("single", tags: ["a"]));

        Assert.Equal(["doubled"], await TaggedAsync("a", "b"));
        Assert.Equal(["doubled", "single"], await TaggedAsync("a"));
    }

    [Fact]
    public async Task An_empty_tags_query_finds_every_asset()
    {
        await UpsertAsync(Asset("tagged", tags: ["x"]), Asset("untagged"));

        Assert.Equal(["tagged", "untagged"], await TaggedAsync());
    }

    [Fact]
    public async Task Tags_query_pages_and_counts()
    {
        var tagged = Assets("tagged_", 15).Select(a => a with { Tags = ["wanted"] }).ToList();
        await Store.Assets.UpsertAsync([.. Assets("other_", 5), .. tagged], NoCancellation);

        var second = await Store.Assets.FindByTagsAsync(["wanted"], Page(2, 10), NoCancellation);
        var pastTheEnd = await Store.Assets.FindByTagsAsync(["wanted"], Page(3, 10), NoCancellation);
        var none = await Store.Assets.FindByTagsAsync(["unknown"], Page(1, 10), NoCancellation);

        Assert.Equal(tagged[10..].Select(a => a.Name), TestDataAssert.Names(second));
        TestDataAssert.Pagination(second, total: 15, pageNumber: 2, perPage: 10, prev: 1, next: 0, totalPage: 2);
        Assert.Empty(pastTheEnd.Data);
        Assert.Equal(15, pastTheEnd.Pagination.Total);
        Assert.Empty(none.Data);
        TestDataAssert.Pagination(none, total: 0, pageNumber: 1, perPage: 10, prev: 0, next: 0, totalPage: 0);
    }

    [Fact]
    public async Task Label_filter_needs_every_key_and_any_of_its_values()
    {
        await UpsertAsync(
            Asset("prod_data", labelsJson: """{"env": "prod", "team": "data"}"""),
            Asset("dev_data", labelsJson: """{"env": "dev", "team": "data"}"""),
            Asset("prod_web", labelsJson: """{"env": "prod", "team": "web"}"""),
            Asset("test_only", labelsJson: """{"env": "test"}"""),
            Asset("unlabelled"));

        Assert.Equal(["prod_data"], await LabelledAsync(("env", ["prod"]), ("team", ["data"])));
        Assert.Equal(["prod_data", "dev_data", "prod_web"], await LabelledAsync(("env", ["prod", "dev"])));
        Assert.Equal(["prod_data", "dev_data"], await LabelledAsync(("env", ["prod", "dev"]), ("team", ["data"])));
        Assert.Equal(["prod_data", "dev_data"], await LabelledAsync(("team", ["data", "data"])));
        Assert.Equal(["test_only"], await LabelledAsync(("env", ["test", "staging"])));
        Assert.Empty(await LabelledAsync(("env", ["staging"])));
        Assert.Empty(await LabelledAsync(("env", ["prod"]), ("owner", ["anyone"])));
    }

    [Fact]
    public async Task Only_string_labels_can_match()
    {
        await UpsertAsync(Asset("typed", labelsJson: """
            {"number": 5, "flag": true, "nothing": null, "object": {"v": "x"}, "array": ["x"], "text": "5"}
            """));

        Assert.Empty(await LabelledAsync(("number", ["5"])));
        Assert.Empty(await LabelledAsync(("flag", ["true"])));
        Assert.Empty(await LabelledAsync(("nothing", ["null"])));
        Assert.Empty(await LabelledAsync(("nothing", [""])));
        Assert.Empty(await LabelledAsync(("object", ["x"])));
        Assert.Empty(await LabelledAsync(("object", ["""{"v":"x"}""", """{"v": "x"}"""])));
        Assert.Empty(await LabelledAsync(("array", ["x"])));
        Assert.Empty(await LabelledAsync(("array", ["""["x"]"""])));
        Assert.Equal(["typed"], await LabelledAsync(("text", ["5"])));
    }

    [Fact]
    public async Task Label_keys_and_values_match_exactly()
    {
        await UpsertAsync(
            Asset("plain", labelsJson: """{"owner": "Data Team"}"""),
            Asset("unusual", labelsJson: """{"a.b": "x", "$key": "y'; --", "schlüssel": "wert ü", "": "empty key", "empty": ""}"""));

        Assert.Equal(["plain"], await LabelledAsync(("owner", ["Data Team"])));
        Assert.Empty(await LabelledAsync(("owner", ["data team"])));
        Assert.Empty(await LabelledAsync(("Owner", ["Data Team"])));
        Assert.Empty(await LabelledAsync(("owner", ["Data"])));
        Assert.Equal(["unusual"], await LabelledAsync(("a.b", ["x"]), ("$key", ["y'; --"]), ("schlüssel", ["wert ü"])));
        Assert.Equal(["unusual"], await LabelledAsync(("", ["empty key"]), ("empty", [""])));
        Assert.Empty(await LabelledAsync(("a", ["x"])));
    }

    [Fact]
    public async Task An_empty_label_filter_finds_every_asset()
    {
        await UpsertAsync(Asset("labelled", labelsJson: """{"k": "v"}"""), Asset("unlabelled"));

        Assert.Equal(["labelled", "unlabelled"], await LabelledAsync());
    }

    [Fact]
    public async Task A_label_key_without_values_matches_nothing()
    {
        await UpsertAsync(Asset("labelled", labelsJson: """{"k": "v"}"""));

        Assert.Empty(await LabelledAsync(("k", [])));
    }

    [Fact]
    public async Task Label_filter_pages_and_counts()
    {
        var matching = Assets("match_", 12).Select(a => a with { Labels = JsonMap("""{"env": "prod"}""") }).ToList();
        await Store.Assets.UpsertAsync([.. matching[..6], .. Assets("other_", 4), .. matching[6..]], NoCancellation);

        var page = await Store.Assets.FindByLabelsAsync(Labels(("env", ["prod"])), Page(2, 5), NoCancellation);
        var pastTheEnd = await Store.Assets.FindByLabelsAsync(Labels(("env", ["prod"])), Page(4, 5), NoCancellation);

        Assert.Equal(matching[5..10].Select(a => a.Name), TestDataAssert.Names(page));
        TestDataAssert.Pagination(page, total: 12, pageNumber: 2, perPage: 5, prev: 1, next: 3, totalPage: 3);
        Assert.Empty(pastTheEnd.Data);
        TestDataAssert.Pagination(pastTheEnd, total: 12, pageNumber: 4, perPage: 5, prev: 3, next: 0, totalPage: 3);
    }
}
