using Mastro.Core.Model;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Storing and finding feature sets and metric sets (each test runs on both kinds).</summary>
public abstract partial class StoreContractTests
{
    private static string[] Versions(Page<IVersionedSet> page) => TestDataAssert.Names(page, s => s.Version);

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Inserted_set_reads_back_by_its_id(string kind)
    {
        var sets = Sets(kind);
        var header = Header("churn_model", "2021-09-06", "Weekly churn features", new Dictionary<string, string>
        {
            ["team"] = "data science", ["unicode"] = "Größe 数据 😀", ["empty"] = "", ["dotted.key"] = "x'; --",
        }, insertedAt: new DateTimeOffset(2020, 11, 29, 17, 24, 1, TimeSpan.Zero).AddTicks(7_475_430));

        var id = await sets.InsertAsync(header);

        Assert.False(string.IsNullOrWhiteSpace(id));
        var found = await sets.FindByIdAsync(id);
        TestDataAssert.SameHeader(header, found);
        TestDataAssert.SameJson(Json(sets.SamplePayload), Json(sets.PayloadOf(found!)), "payload");
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Every_insert_gives_a_new_id_that_stays_valid(string kind)
    {
        var sets = Sets(kind);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
            ids.Add(await sets.InsertAsync(Header("same_name", $"v{i}")));

        Assert.Equal(ids.Count, ids.Distinct().Count());
        for (var i = 0; i < ids.Count; i++)
            Assert.Equal($"v{i}", (await sets.FindByIdAsync(ids[i]))?.Version);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Unknown_or_malformed_ids_find_nothing(string kind)
    {
        var sets = Sets(kind);
        var id = await sets.InsertAsync(Header("stored"));
        string[] unknown =
        [
            Guid.CreateVersion7().ToString("N"), Guid.NewGuid().ToString(),
            id + "0", id[..^1], "", " ", "0", "1", "-1", "9223372036854775808", "not-an-id", "'; DROP TABLE featureset; --",
            "%", "*", "ü", new string('f', 24), new string('0', 32), new string('x', 10_000),
        ];

        foreach (var candidate in unknown)
            Assert.Null(await sets.FindByIdAsync(candidate));
        Assert.Equal("stored", (await sets.FindByIdAsync(id))?.Name);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Lists_are_newest_first_and_later_inserts_first_on_equal_times(string kind)
    {
        var sets = Sets(kind);
        var start = SomeTime;
        await sets.InsertAsync(Header("a", "second oldest", insertedAt: start.AddMinutes(1)));
        await sets.InsertAsync(Header("b", "oldest", insertedAt: start));
        await sets.InsertAsync(Header("c", "newest, inserted first", insertedAt: start.AddMinutes(2)));
        await sets.InsertAsync(Header("d", "newest, inserted last", insertedAt: start.AddMinutes(2)));
        await sets.InsertAsync(Header("e", "a microsecond older", insertedAt: start.AddMinutes(2).AddTicks(-10)));

        Assert.Equal(
            ["newest, inserted last", "newest, inserted first", "a microsecond older", "second oldest", "oldest"],
            Versions(await sets.ListAsync(All)));
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Find_by_name_matches_the_exact_name_newest_first(string kind)
    {
        var sets = Sets(kind);
        await sets.InsertAsync(Header("churn", "v1"));
        await sets.InsertAsync(Header("churn_v2", "other name"));
        await sets.InsertAsync(Header("churn", "v2"));
        await sets.InsertAsync(Header("Churn", "capital"));
        await sets.InsertAsync(Header("churn", "v3"));

        Assert.Equal(["v3", "v2", "v1"], Versions(await sets.FindByNameAsync("churn", All)));
        Assert.Equal(["capital"], Versions(await sets.FindByNameAsync("Churn", All)));
        Assert.Empty((await sets.FindByNameAsync("chur", All)).Data);
        Assert.Empty((await sets.FindByNameAsync("churn%", All)).Data);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Find_by_name_pages_and_counts(string kind)
    {
        var sets = Sets(kind);
        for (var i = 0; i < 7; i++)
        {
            await sets.InsertAsync(Header("wanted", $"v{i}"));
            await sets.InsertAsync(Header("other", $"o{i}"));
        }

        var second = await sets.FindByNameAsync("wanted", Page(2, 3));
        var last = await sets.FindByNameAsync("wanted", Page(3, 3));
        var pastTheEnd = await sets.FindByNameAsync("wanted", Page(4, 3));
        var none = await sets.FindByNameAsync("absent", Page(1, 3));

        Assert.Equal(["v3", "v2", "v1"], Versions(second));
        TestDataAssert.Pagination(second, total: 7, pageNumber: 2, perPage: 3, prev: 1, next: 3, totalPage: 3);
        Assert.Equal(["v0"], Versions(last));
        Assert.Empty(pastTheEnd.Data);
        TestDataAssert.Pagination(pastTheEnd, total: 7, pageNumber: 4, perPage: 3, prev: 3, next: 0, totalPage: 3);
        Assert.Empty(none.Data);
        TestDataAssert.Pagination(none, total: 0, pageNumber: 1, perPage: 3, prev: 0, next: 0, totalPage: 0);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Listing_pages_and_counts(string kind)
    {
        var sets = Sets(kind);
        var empty = await sets.ListAsync(Page(1, 4));
        for (var i = 0; i < 10; i++)
            await sets.InsertAsync(Header($"set{i}", $"v{i}"));

        var first = await sets.ListAsync(Page(1, 4));
        var last = await sets.ListAsync(Page(3, 4));
        var pastTheEnd = await sets.ListAsync(Page(9, 4));

        Assert.Empty(empty.Data);
        TestDataAssert.Pagination(empty, total: 0, pageNumber: 1, perPage: 4, prev: 0, next: 0, totalPage: 0);
        Assert.Equal(["v9", "v8", "v7", "v6"], Versions(first));
        TestDataAssert.Pagination(first, total: 10, pageNumber: 1, perPage: 4, prev: 0, next: 2, totalPage: 3);
        Assert.Equal(["v1", "v0"], Versions(last));
        TestDataAssert.Pagination(last, total: 10, pageNumber: 3, perPage: 4, prev: 2, next: 0, totalPage: 3);
        Assert.Empty(pastTheEnd.Data);
        TestDataAssert.Pagination(pastTheEnd, total: 10, pageNumber: 9, perPage: 4, prev: 8, next: 0, totalPage: 3);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Label_filter_needs_every_key_and_any_of_its_values_newest_first(string kind)
    {
        var sets = Sets(kind);
        await sets.InsertAsync(Header("s", "prod data", labels: new Dictionary<string, string> { ["env"] = "prod", ["team"] = "data" }));
        await sets.InsertAsync(Header("s", "dev data", labels: new Dictionary<string, string> { ["env"] = "dev", ["team"] = "data" }));
        await sets.InsertAsync(Header("s", "prod web", labels: new Dictionary<string, string> { ["env"] = "prod", ["team"] = "web" }));
        await sets.InsertAsync(Header("s", "unlabelled"));

        async Task<string[]> Labelled(params (string Key, string[] Values)[] labels) =>
            Versions(await sets.FindByLabelsAsync(Labels(labels), All));

        Assert.Equal(["prod data"], await Labelled(("env", ["prod"]), ("team", ["data"])));
        Assert.Equal(["prod web", "dev data", "prod data"], await Labelled(("env", ["prod", "dev"])));
        Assert.Equal(["dev data", "prod data"], await Labelled(("team", ["data"]), ("env", ["dev", "prod", "test"])));
        Assert.Empty(await Labelled(("env", ["Prod"])));
        Assert.Empty(await Labelled(("env", ["prod"]), ("owner", ["x"])));
        Assert.Empty(await Labelled(("env", [])));
        Assert.Equal(["unlabelled", "prod web", "dev data", "prod data"], await Labelled());
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Set_label_filter_pages_and_counts(string kind)
    {
        var sets = Sets(kind);
        var prod = new Dictionary<string, string> { ["env"] = "prod" };
        for (var i = 0; i < 5; i++)
        {
            await sets.InsertAsync(Header("s", $"p{i}", labels: prod));
            await sets.InsertAsync(Header("s", $"d{i}", labels: new Dictionary<string, string> { ["env"] = "dev" }));
        }

        var page = await sets.FindByLabelsAsync(Labels(("env", ["prod"])), Page(2, 2));
        var pastTheEnd = await sets.FindByLabelsAsync(Labels(("env", ["prod"])), Page(5, 2));

        Assert.Equal(["p2", "p1"], Versions(page));
        TestDataAssert.Pagination(page, total: 5, pageNumber: 2, perPage: 2, prev: 1, next: 3, totalPage: 3);
        Assert.Empty(pastTheEnd.Data);
        Assert.Equal(5, pastTheEnd.Pagination.Total);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Search_finds_words_of_the_name_version_description_and_labels(string kind)
    {
        var sets = Sets(kind);
        await sets.InsertAsync(Header("customer_churn", "release_2021_09", "Weekly purchase features",
            new Dictionary<string, string> { ["pipeline"] = "nightly-batch", ["owner"] = "Data Science" }));
        await sets.InsertAsync(Header("decoy", "other", "nothing in common", new Dictionary<string, string> { ["owner"] = "nobody" }));

        foreach (var words in new[] { "customer", "churn", "custom chu", "release 2021", "09", "weekly purchase",
                     "pipeline", "nightly batch", "owner science", "FEATURES" })
            Assert.Equal(["release_2021_09"], Versions(await sets.SearchAsync(Query(words), All)));
        Assert.Empty((await sets.SearchAsync(Query("stomer"), All)).Data);
        Assert.Empty((await sets.SearchAsync(Query("churn 2020"), All)).Data);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Search_ranks_name_then_version_then_description_then_labels(string kind)
    {
        var sets = Sets(kind);
        var unrelated = new Dictionary<string, string> { ["note"] = "unrelated" };
        // Inserted best first, so that the newest-first tie order cannot explain the ranking.
        await sets.InsertAsync(Header("revenue", "in name", "some other words", unrelated));
        await sets.InsertAsync(Header("other", "revenue", "some other words", unrelated));
        await sets.InsertAsync(Header("other", "in description", "some revenue words", unrelated));
        await sets.InsertAsync(Header("other", "in labels", "some other words", new Dictionary<string, string> { ["note"] = "revenue" }));
        await sets.InsertAsync(Header("other", "filler", "some other words", unrelated));

        Assert.Equal(["in name", "revenue", "in description", "in labels"], Versions(await sets.SearchAsync(Query("revenue"), All)));
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Equally_good_search_matches_are_newest_first(string kind)
    {
        var sets = Sets(kind);
        await sets.InsertAsync(Header("older", "older", "shared words"));
        await sets.InsertAsync(Header("newer", "newer", "shared words"));
        await sets.InsertAsync(Header("other", "other", "unrelated"));

        Assert.Equal(["newer", "older"], Versions(await sets.SearchAsync(Query("shared"), All)));
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Search_syntax_in_a_query_is_plain_text_for_sets(string kind)
    {
        var sets = Sets(kind);
        await sets.InsertAsync(Header("s", "with and", "rock and roll"));
        await sets.InsertAsync(Header("s", "without", "rock roll"));

        Assert.Equal(["with and"], Versions(await sets.SearchAsync(Query("rock AND roll"), All)));
        Assert.Empty((await sets.SearchAsync(Query("rock OR roll"), All)).Data);
        Assert.Empty((await sets.SearchAsync(Query("NEAR(rock roll)"), All)).Data);
        Assert.Equal(["with and", "without"], Versions(await sets.SearchAsync(Query("\"roll\"* -rock"), All)).Order());
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Search_pages_and_counts_for_sets(string kind)
    {
        var sets = Sets(kind);
        for (var i = 0; i < 6; i++)
        {
            await sets.InsertAsync(Header("s", $"m{i}", "quarterly figures"));
            await sets.InsertAsync(Header("s", $"x{i}", "other"));
        }

        var page = await sets.SearchAsync(Query("quarterly"), Page(2, 4));
        var pastTheEnd = await sets.SearchAsync(Query("quarterly"), Page(3, 4));
        var none = await sets.SearchAsync(Query("absent"), Page(1, 4));

        Assert.Equal(["m1", "m0"], Versions(page));
        TestDataAssert.Pagination(page, total: 6, pageNumber: 2, perPage: 4, prev: 1, next: 0, totalPage: 2);
        Assert.Empty(pastTheEnd.Data);
        TestDataAssert.Pagination(pastTheEnd, total: 6, pageNumber: 3, perPage: 4, prev: 2, next: 0, totalPage: 2);
        Assert.Empty(none.Data);
        Assert.Equal(0, none.Pagination.Total);
    }

    [Theory, InlineData(FeatureSets), InlineData(MetricSets)]
    public async Task Unicode_and_longest_set_names_round_trip(string kind)
    {
        var sets = Sets(kind);
        var longest = string.Concat(Enumerable.Repeat("ü語x", 170)) + "ab";
        var names = new[] { "données/ventes €", "データセット", longest, "x'; DROP TABLE featureset; --" };
        foreach (var name in names)
            await sets.InsertAsync(Header(name, name));

        foreach (var name in names)
            Assert.Equal([name], TestDataAssert.Names(await sets.FindByNameAsync(name, All), s => s.Name));
        Assert.Equal(["データセット"], Versions(await sets.SearchAsync(Query("データ"), All)));
    }
}
