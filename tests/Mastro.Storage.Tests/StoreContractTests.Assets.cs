using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Model;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Storing, replacing and finding assets.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Finding_a_name_never_stored_returns_null()
    {
        await UpsertAsync(Asset("orders"));

        Assert.Null(await FindAsync("customers"));
    }

    [Fact]
    public async Task Upserted_asset_reads_back_with_every_field()
    {
        var asset = FullAsset("warehouse.orders");

        await UpsertAsync(asset);

        TestDataAssert.SameAsset(asset, await FindAsync("warehouse.orders"));
    }

    [Fact]
    public async Task Stored_row_is_sent_as_the_json_of_the_asset_it_reads_back_as()
    {
        var plain = FullAsset("warehouse.orders");
        var unicode = FullAsset("café/données") with
        {
            Description = "naïve 😀 <b> & \"quoted\"",
            Labels = JsonMap("""{"clé": "valeur ✓", "esc": "a\\b", "n": 1500, "none": null, "list": [true, {"z": 1, "a": 2}]}"""),
        };
        await UpsertAsync(plain, unicode);

        foreach (var asset in new[] { plain, unicode })
        {
            var row = await Store.Assets.FindRowAsync(asset.Name, NoCancellation);
            Assert.NotNull(row);
            var sent = JsonNode.Parse(row.ToJsonUtf8())!;
            var readBack = JsonSerializer.SerializeToNode(await FindAsync(asset.Name), MastroJsonContext.Default.Asset);
            Assert.True(JsonNode.DeepEquals(readBack, sent), $"{readBack?.ToJsonString()} vs {sent.ToJsonString()}");
            Assert.Equal(asset.Description, (string?)sent["description"]);
            var labels = JsonSerializer.SerializeToNode(asset.Labels, MastroJsonContext.Default.IReadOnlyDictionaryStringJsonElement);
            Assert.True(JsonNode.DeepEquals(labels, sent["labels"]), $"{labels?.ToJsonString()} vs {sent["labels"]?.ToJsonString()}");
        }
    }

    [Fact]
    public async Task Names_are_exact_keys()
    {
        await UpsertAsync(Asset("orders", "lower"), Asset("Orders", "capital"));

        Assert.Equal("lower", (await FindAsync("orders"))?.Description);
        Assert.Equal("capital", (await FindAsync("Orders"))?.Description);
        Assert.Null(await FindAsync("orders "));
        Assert.Null(await FindAsync("order"));
    }

    [Fact]
    public async Task Upsert_replaces_the_whole_asset()
    {
        var first = FullAsset("orders") with
        {
            Description = "legacy extract",
            Tags = ["old", "shared"],
            Labels = JsonMap("""{"owner": "team-a", "retired": "soon"}"""),
        };
        var second = new Asset
        {
            Name = "orders",
            Type = AssetTypes.Stream,
            Description = "replacement feed",
            PublishedOn = SomeTime.AddYears(1),
            LastDiscoveredAt = SomeTime.AddYears(1),
            Tags = ["shared"],
            Labels = JsonMap("""{"owner": "team-b"}"""),
        };

        await UpsertAsync(first);
        await UpsertAsync(second);

        TestDataAssert.SameAsset(second, await FindAsync("orders"));
        Assert.Empty((await Store.Assets.FindByTagsAsync(["old"], All, NoCancellation)).Data);
        Assert.Equal(["orders"], TestDataAssert.Names(await Store.Assets.FindByTagsAsync(["shared"], All, NoCancellation)));
        Assert.Empty((await Store.Assets.FindByLabelsAsync(Labels(("owner", ["team-a"])), All, NoCancellation)).Data);
        Assert.Empty((await Store.Assets.FindByLabelsAsync(Labels(("retired", ["soon"])), All, NoCancellation)).Data);
        Assert.Equal(["orders"], TestDataAssert.Names(await Store.Assets.FindByLabelsAsync(Labels(("owner", ["team-b"])), All, NoCancellation)));
        Assert.Empty((await Store.Assets.SearchAsync(Query("legacy"), All, NoCancellation)).Data);
        Assert.Empty((await Store.Assets.SearchAsync(Query("raw"), All, NoCancellation)).Data);
        Assert.Equal(["orders"], TestDataAssert.Names(await Store.Assets.SearchAsync(Query("replacement"), All, NoCancellation)));
        Assert.Equal(1, (await Store.Assets.ListAsync(All, NoCancellation)).Pagination.Total);
    }

    [Fact]
    public async Task A_batch_stores_every_asset()
    {
        var assets = Assets("batch_", 300);

        await Store.Assets.UpsertAsync(assets, NoCancellation);

        Assert.Equal(assets.Select(a => a.Name), await ListedNamesAsync());
        foreach (var asset in assets.Where((_, i) => i % 50 == 0))
            TestDataAssert.SameAsset(asset, await FindAsync(asset.Name));
    }

    [Fact]
    public async Task An_empty_batch_stores_nothing()
    {
        await Store.Assets.UpsertAsync([], NoCancellation);

        Assert.Empty(await ListedNamesAsync());
    }

    [Fact]
    public async Task In_a_batch_naming_an_asset_twice_the_later_one_wins()
    {
        await UpsertAsync(
            Asset("orders", "first version", ["v1"], """{"stage": "one"}"""),
            Asset("customers"),
            Asset("orders", "second version", ["v2"], """{"stage": "two"}"""));

        var stored = await FindAsync("orders");
        Assert.Equal("second version", stored?.Description);
        Assert.Equal(["v2"], stored?.Tags);
        Assert.Equal(["customers", "orders"], (await ListedNamesAsync()).Order());
        Assert.Empty((await Store.Assets.FindByTagsAsync(["v1"], All, NoCancellation)).Data);
        Assert.Empty((await Store.Assets.FindByLabelsAsync(Labels(("stage", ["one"])), All, NoCancellation)).Data);
        Assert.Empty((await Store.Assets.SearchAsync(Query("first"), All, NoCancellation)).Data);
        Assert.Equal(["orders"], TestDataAssert.Names(await Store.Assets.SearchAsync(Query("second"), All, NoCancellation)));
    }

    [Fact]
    public async Task A_batch_failing_part_way_stores_nothing()
    {
        var kept = Asset("kept", "original");
        await UpsertAsync(kept);
        // A label value that cannot be written (an undefined JSON element) makes the fourth asset fail.
        var unwritable = Asset("broken") with { Labels = new Dictionary<string, JsonElement> { ["bad"] = default } };

        await Assert.ThrowsAnyAsync<Exception>(() => UpsertAsync(
            Asset("new_1", "fresh", ["fresh"]), kept with { Description = "changed" }, Asset("new_2", "fresh"), unwritable, Asset("new_3")));

        Assert.Equal(["kept"], await ListedNamesAsync());
        TestDataAssert.SameAsset(kept, await FindAsync("kept"));
        Assert.Empty((await Store.Assets.FindByTagsAsync(["fresh"], All, NoCancellation)).Data);
        Assert.Empty((await Store.Assets.SearchAsync(Query("fresh"), All, NoCancellation)).Data);
        Assert.Empty((await Store.Assets.SearchAsync(Query("changed"), All, NoCancellation)).Data);
    }

    [Fact]
    public async Task A_batch_cancelled_part_way_stores_nothing()
    {
        var kept = Asset("kept", "original");
        await UpsertAsync(kept);
        using var cancellation = new CancellationTokenSource();
        var batch = new CancellingBatch<Asset>(
            [.. Assets("new_", 200), kept with { Description = "changed" }, .. Assets("later_", 200)], cancelAt: 300, cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Assets.UpsertAsync(batch, cancellation.Token));

        Assert.True(batch.Cancelled);
        Assert.Equal(["kept"], await ListedNamesAsync());
        TestDataAssert.SameAsset(kept, await FindAsync("kept"));
    }

    [Fact]
    public async Task An_upsert_with_a_cancelled_token_stores_nothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.Assets.UpsertAsync([Asset("orders")], cancellation.Token));

        Assert.Null(await FindAsync("orders"));
    }

    [Fact]
    public async Task Listing_follows_first_insertion_even_after_reupserts()
    {
        await UpsertAsync(Asset("charlie"));
        await UpsertAsync(Asset("alpha"), Asset("bravo"));
        await UpsertAsync(Asset("alpha", "changed"), Asset("delta"), Asset("charlie", "changed"));

        Assert.Equal(["charlie", "alpha", "bravo", "delta"], await ListedNamesAsync());
    }

    [Fact]
    public async Task Listing_an_empty_store_gives_an_empty_page()
    {
        var page = await Store.Assets.ListAsync(Page(1, 10), NoCancellation);

        Assert.Empty(page.Data);
        TestDataAssert.Pagination(page, total: 0, pageNumber: 1, perPage: 10, prev: 0, next: 0, totalPage: 0);
    }

    [Fact]
    public async Task Listing_pages_through_every_asset()
    {
        var assets = Assets("item_", 25);
        await Store.Assets.UpsertAsync(assets, NoCancellation);
        var names = assets.Select(a => a.Name).ToArray();

        var first = await Store.Assets.ListAsync(Page(1, 10), NoCancellation);
        var second = await Store.Assets.ListAsync(Page(2, 10), NoCancellation);
        var last = await Store.Assets.ListAsync(Page(3, 10), NoCancellation);
        var pastTheEnd = await Store.Assets.ListAsync(Page(4, 10), NoCancellation);

        Assert.Equal(names[..10], TestDataAssert.Names(first));
        Assert.Equal(names[10..20], TestDataAssert.Names(second));
        Assert.Equal(names[20..], TestDataAssert.Names(last));
        Assert.Empty(pastTheEnd.Data);
        TestDataAssert.Pagination(first, total: 25, pageNumber: 1, perPage: 10, prev: 0, next: 2, totalPage: 3);
        TestDataAssert.Pagination(second, total: 25, pageNumber: 2, perPage: 10, prev: 1, next: 3, totalPage: 3);
        TestDataAssert.Pagination(last, total: 25, pageNumber: 3, perPage: 10, prev: 2, next: 0, totalPage: 3);
        TestDataAssert.Pagination(pastTheEnd, total: 25, pageNumber: 4, perPage: 10, prev: 3, next: 0, totalPage: 3);
    }

    [Fact]
    public async Task Unicode_and_longest_names_round_trip()
    {
        string[] names =
        [
            "données/ventes €",
            "データセット.注文",
            "😀 emoji \u200d joiner",
            "ﬁ ligature and İstanbul",
            string.Concat(Enumerable.Repeat("ü語x", 512 / 3)) + "ab",
        ];
        Assert.Equal(512, names[^1].Length);

        await Store.Assets.UpsertAsync(names.Select(n => Asset(n, $"about {n}")).ToList(), NoCancellation);

        foreach (var name in names)
            TestDataAssert.SameAsset(Asset(name, $"about {name}"), await FindAsync(name));
        Assert.Equal(names, await ListedNamesAsync());
    }

    [Fact]
    public async Task Sql_and_search_syntax_in_names_is_plain_text()
    {
        string[] names =
        [
            "x'; DROP TABLE asset; --",
            "\"quoted\" * NEAR(a b) AND -c OR NOT d:e ^f",
            "100% _match_ \\escaped\\ [brackets] {braces}",
            "$1 ?1 :name @name",
        ];

        await Store.Assets.UpsertAsync(names.Select(n => Asset(n)).ToList(), NoCancellation);

        foreach (var name in names)
            Assert.Equal(name, (await FindAsync(name))?.Name);
        Assert.Null(await FindAsync("x"));
        Assert.Null(await FindAsync("100"));
        Assert.Equal(names, await ListedNamesAsync());
    }

    [Fact]
    public async Task Timestamps_round_trip_in_utc_with_microsecond_precision()
    {
        var precise = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_990);
        var withOffset = new DateTimeOffset(2021, 3, 23, 19, 22, 43, TimeSpan.FromHours(5.5)).AddTicks(1_000_010);
        await UpsertAsync(
            Asset("precise") with { PublishedOn = precise, LastDiscoveredAt = precise.AddTicks(-10) },
            Asset("zero time") with { PublishedOn = DateTimeOffset.MinValue },
            Asset("offset") with { PublishedOn = withOffset, LastDiscoveredAt = DateTimeOffset.UnixEpoch });

        var stored = await FindAsync("precise");
        TestDataAssert.SameInstant(precise, stored!.PublishedOn);
        TestDataAssert.SameInstant(precise.AddTicks(-10), stored.LastDiscoveredAt);
        TestDataAssert.SameInstant(DateTimeOffset.MinValue, (await FindAsync("zero time"))!.PublishedOn);
        var offset = await FindAsync("offset");
        TestDataAssert.SameInstant(withOffset, offset!.PublishedOn);
        TestDataAssert.SameInstant(DateTimeOffset.UnixEpoch, offset.LastDiscoveredAt);
    }

    [Fact]
    public async Task Label_and_version_values_of_every_json_kind_round_trip()
    {
        const string everyKind = """
            {
              "text": "value", "empty text": "", "unicode": "Größe 数据 😀", "escapes": "quote \" backslash \\ newline \n tab \t",
              "integer": 42, "negative": -7, "big": 9007199254740993, "fraction": 0.125, "exponent": 1.5e-7, "zero": 0,
              "true": true, "false": false, "null": null,
              "empty object": {}, "empty array": [],
              "nested": {"schema": {"id": {"Type": "int", "Comment": null}}, "list": [1, "two", [3], {"four": 4}]},
              "mixed array": ["a", 1, true, null, {"b": [false]}],
              "dotted.key": "x", "$dollar": "y", "": "empty key"
            }
            """;
        var asset = Asset("every kind") with { Labels = JsonMap(everyKind), Versions = JsonMap(everyKind) };

        await UpsertAsync(asset);

        TestDataAssert.SameAsset(asset, await FindAsync("every kind"));
    }

    [Fact]
    public async Task Concurrent_upserts_and_reads_all_succeed()
    {
        var writers = Enumerable.Range(0, 8)
            .Select(w => Task.Run(async () =>
            {
                for (var batch = 0; batch < 5; batch++)
                    await Store.Assets.UpsertAsync(Assets($"writer{w}_batch{batch}_", 20), NoCancellation);
            }));
        var readers = Enumerable.Range(0, 4)
            .Select(_ => Task.Run(async () =>
            {
                for (var read = 0; read < 20; read++)
                {
                    var page = await Store.Assets.ListAsync(Page(1, 50), NoCancellation);
                    // Whole batches only: a reader never sees part of a batch.
                    Assert.Equal(0, page.Pagination.Total % 20);
                }
            }));

        await Task.WhenAll([.. writers, .. readers]);

        Assert.Equal(8 * 5 * 20, (await Store.Assets.ListAsync(Page(1, 10), NoCancellation)).Pagination.Total);
    }
}
