using Mastro.Core.Model;
using Mastro.Core.Search;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Full-text search over assets.</summary>
public abstract partial class StoreContractTests
{
    private async Task<string[]> SearchedAsync(string text) =>
        TestDataAssert.Names(await Store.Assets.SearchAsync(Query(text), All, NoCancellation));

    [Fact]
    public async Task Search_finds_words_of_the_name_description_tags_and_labels()
    {
        await UpsertAsync(
            Asset("daily_sales_2021.csv", "Orders placed by customers", ["finance"], """
                {"owner": "Marketing Team", "rows": 1200, "schema": {"customer_id": {"Type": "bigint", "Comment": "buyer key"}}}
                """),
            Asset("decoy", "nothing in common", ["other"], """{"owner": "nobody"}"""));

        foreach (var words in new[] { "daily", "sales 2021", "csv", "orders", "placed customers", "finance",
                     "marketing", "team", "1200", "customer id", "bigint", "buyer" })
            Assert.Equal(["daily_sales_2021.csv"], await SearchedAsync(words));
    }

    [Fact]
    public async Task Search_words_match_word_prefixes()
    {
        await UpsertAsync(Asset("customers_eu", "Registered shoppers"), Asset("orders"));

        Assert.Equal(["customers_eu"], await SearchedAsync("custom"));
        Assert.Equal(["customers_eu"], await SearchedAsync("cust reg"));
        Assert.Equal(["customers_eu"], await SearchedAsync("CUSTOMERS E"));
        Assert.Empty(await SearchedAsync("stomers"));
        Assert.Empty(await SearchedAsync("customersx"));
    }

    [Fact]
    public async Task Search_keeps_the_tokenizer_s_words_whole()
    {
        // PostgreSQL's own text parser reads "3e8" as a number and would cut "3e8f0c2" (a hash) in two, so that
        // "f0c2" found it there and not in SQLite.
        await UpsertAsync(Asset("model_3e8f0c2"), Asset("other"));

        Assert.Equal(["model_3e8f0c2"], await SearchedAsync("3e8f0c2"));
        Assert.Equal(["model_3e8f0c2"], await SearchedAsync("model 3e8f"));
        Assert.Empty(await SearchedAsync("f0c2"));
    }

    [Fact]
    public async Task A_word_prefix_finds_every_word_it_starts_however_many_and_only_words_still_indexed()
    {
        // Twenty words starting "kalo" (more than a prefix is ever spelled out into), ten of them "kalo1".
        var assets = Enumerable.Range(0, 20).Select(i => Asset($"kalo{i:D2}x", "shared text")).ToList();
        await Store.Assets.UpsertAsync([.. assets, Asset("kal"), Asset("other")], NoCancellation);

        Assert.Equal(assets.Select(a => a.Name), (await SearchedAsync("kalo")).Order());
        Assert.Equal(assets.Select(a => a.Name), (await SearchedAsync("shared kalo")).Order());
        Assert.Equal(assets.Skip(10).Select(a => a.Name), (await SearchedAsync("kalo1 text")).Order());
        Assert.Equal(["kalo05x"], await SearchedAsync("kalo05"));

        Assert.True(await Store.Assets.DeleteAsync("kalo05x", NoCancellation));
        await Store.Assets.UpsertAsync([Asset("kalo06x", "renamed words")], NoCancellation);

        Assert.Empty(await SearchedAsync("kalo05"));
        Assert.Empty(await SearchedAsync("kalo06 shared"));
        Assert.Equal(["kalo06x"], await SearchedAsync("kalo06 renamed"));
        Assert.Equal(assets.Take(10).Select(a => a.Name).Except(["kalo05x"]), (await SearchedAsync("kalo0")).Order());
        Assert.Equal(19, await SearchTotalAsync("kalo"));
        Assert.Equal(0, await SearchTotalAsync("kalo05x"));
        Assert.Equal(1, await SearchTotalAsync("kalo06x"));
        Assert.Equal(18, await SearchTotalAsync("text"));
    }

    [Fact]
    public async Task A_word_finds_itself_and_the_words_it_starts_on_either_side_of_the_spelled_out_limit()
    {
        // Sixteen words is as many as a prefix is ever spelled out into. "tolu" is a word of its own and starts
        // sixteen longer ones (seventeen in all); "mika" is none and starts sixteen; "tolu0" is none and starts ten.
        string[] Names(string stem) => Enumerable.Range(0, 16).Select(i => $"{stem}{i:D2}").ToArray();
        await Store.Assets.UpsertAsync(
            [Asset("tolu", "x"), .. Names("tolu").Select(n => Asset(n)), .. Names("mika").Select(n => Asset(n)), Asset("tol")],
            NoCancellation);

        Assert.Equal(["tolu", .. Names("tolu")], (await SearchedAsync("tolu")).Order(StringComparer.Ordinal));
        Assert.Equal(17, await SearchTotalAsync("tolu"));
        Assert.Equal(Names("mika"), (await SearchedAsync("mika")).Order(StringComparer.Ordinal));
        Assert.Equal(16, await SearchTotalAsync("mika"));
        Assert.Equal(Names("tolu").Take(10), (await SearchedAsync("tolu0")).Order(StringComparer.Ordinal));
        Assert.Equal(1, await SearchTotalAsync("tolu15"));
        Assert.Equal(1, await SearchTotalAsync("tolu x"));
        Assert.Equal(0, await SearchTotalAsync("mika x"));
    }

    private async Task<long> SearchTotalAsync(string text) =>
        (await Store.Assets.SearchAsync(Query(text), Page(1, 5), NoCancellation)).Pagination.Total;

    [Fact]
    public async Task Every_search_word_must_match()
    {
        await UpsertAsync(Asset("daily_sales_2021"), Asset("daily_sales_2020"), Asset("weekly_sales_2021"));

        Assert.Equal(["daily_sales_2021"], await SearchedAsync("sales 2021 daily"));
        Assert.Equal(["daily_sales_2021", "weekly_sales_2021"], (await SearchedAsync("sales 2021")).Order());
        Assert.Empty(await SearchedAsync("sales 2019"));
    }

    [Fact]
    public async Task Search_ranks_name_then_tags_then_description_then_labels()
    {
        // Inserted worst first, so that insertion order cannot explain the ranking.
        await UpsertAsync(
            Asset("filler one", "some other words", ["misc"], """{"note": "unrelated"}"""),
            Asset("in labels", "some other words", ["misc"], """{"note": "revenue"}"""),
            Asset("in description", "some revenue words", ["misc"], """{"note": "unrelated"}"""),
            Asset("in tags", "some other words", ["revenue"], """{"note": "unrelated"}"""),
            Asset("revenue report", "some other words", ["misc"], """{"note": "unrelated"}"""),
            Asset("filler two", "some other words", ["misc"], """{"note": "unrelated"}"""));

        Assert.Equal(["revenue report", "in tags", "in description", "in labels"], await SearchedAsync("revenue"));
    }

    [Fact]
    public async Task Equally_good_matches_keep_insertion_order()
    {
        await UpsertAsync(Asset("bravo", "shared words"), Asset("alpha", "shared words"), Asset("other", "unrelated"));

        Assert.Equal(["bravo", "alpha"], await SearchedAsync("shared"));
    }

    [Fact]
    public async Task Search_syntax_in_a_query_is_plain_text()
    {
        await UpsertAsync(Asset("with_and", "rock and roll"), Asset("without", "rock roll"), Asset("near", "near the table"));

        Assert.Equal(["with_and"], await SearchedAsync("rock AND roll"));
        Assert.Empty(await SearchedAsync("rock OR roll"));
        Assert.Empty(await SearchedAsync("NOT rock"));
        Assert.Equal(["near"], await SearchedAsync("NEAR(table)"));
        Assert.Equal(["with_and", "without"], (await SearchedAsync("\"rock\"*")).Order());
        Assert.Equal(["with_and", "without"], (await SearchedAsync("-rock ^roll")).Order());
        Assert.Empty(await SearchedAsync("description:rock"));
        Assert.Empty(await SearchedAsync("x'; DROP TABLE asset; --"));
        Assert.Equal(3, (await Store.Assets.ListAsync(All, NoCancellation)).Pagination.Total);
    }

    [Fact]
    public async Task Search_finds_unicode_words_keeping_diacritics()
    {
        await UpsertAsync(Asset("über_daten", "Käufer aus München"), Asset("kaufer", "plain"), Asset("jp", "データ分析 レポート"));

        Assert.Equal(["über_daten"], await SearchedAsync("Über"));
        Assert.Equal(["über_daten"], await SearchedAsync("käufer münch"));
        Assert.Equal(["kaufer"], await SearchedAsync("kaufer"));
        Assert.Equal(["jp"], await SearchedAsync("データ分析"));
        Assert.Equal(["jp"], await SearchedAsync("レポ"));
    }

    [Fact]
    public async Task Search_finds_the_longest_names()
    {
        var longWord = string.Concat(Enumerable.Repeat("abcdefghij", 30));
        var longName = longWord + " " + new string('z', 512 - longWord.Length - 1);
        await UpsertAsync(Asset(longName), Asset("short"));

        Assert.Equal([longName], await SearchedAsync(longWord));
        Assert.Equal([longName], await SearchedAsync(longWord[..150]));
        Assert.Equal([longName], await SearchedAsync("zzzz"));
    }

    [Fact]
    public async Task Search_pages_and_counts()
    {
        var matching = Assets("match_", 12).Select(a => a with { Description = "quarterly figures" }).ToList();
        await Store.Assets.UpsertAsync([.. Assets("other_", 3), .. matching], NoCancellation);

        var pages = new List<Page<Asset>>();
        for (var page = 1; page <= 3; page++)
            pages.Add(await Store.Assets.SearchAsync(Query("quarterly"), Page(page, 5), NoCancellation));
        var pastTheEnd = await Store.Assets.SearchAsync(Query("quarterly"), Page(4, 5), NoCancellation);
        var none = await Store.Assets.SearchAsync(Query("absent"), Page(1, 5), NoCancellation);

        Assert.Equal(matching.Select(a => a.Name), pages.SelectMany(TestDataAssert.Names));
        TestDataAssert.Pagination(pages[2], total: 12, pageNumber: 3, perPage: 5, prev: 2, next: 0, totalPage: 3);
        Assert.Empty(pastTheEnd.Data);
        TestDataAssert.Pagination(pastTheEnd, total: 12, pageNumber: 4, perPage: 5, prev: 3, next: 0, totalPage: 3);
        Assert.Empty(none.Data);
        TestDataAssert.Pagination(none, total: 0, pageNumber: 1, perPage: 5, prev: 0, next: 0, totalPage: 0);
    }

    [Fact]
    public async Task Only_the_newest_matches_are_ranked_and_older_ones_follow_newest_first()
    {
        // Name matches rank first, but the oldest ones are outside the window of the newest RankedMatches matches.
        var oldBest = Enumerable.Range(0, 5).Select(i => Asset($"quarterly_old_{i}", "other words")).ToList();
        var window = Enumerable.Range(0, SearchQuery.RankedMatches - 1).Select(i => Asset($"match_{i:D4}", "quarterly figures")).ToList();
        var newestBest = Asset("quarterly_new_0", "other words");
        await Store.Assets.UpsertAsync([.. oldBest, Asset("unrelated"), .. window, newestBest], NoCancellation);

        var pages = new List<Page<Asset>>();
        for (var page = 1; page <= 4; page++)
            pages.Add(await Store.Assets.SearchAsync(Query("quarterly"), Page(page, 300), NoCancellation));

        string[] expected = [newestBest.Name, .. window.Select(a => a.Name), .. oldBest.Select(a => a.Name).Reverse()];
        Assert.Equal(expected, pages.SelectMany(TestDataAssert.Names));
        Assert.All(pages, page => Assert.Equal(expected.Length, page.Pagination.Total));
        TestDataAssert.Pagination(pages[3], total: expected.Length, pageNumber: 4, perPage: 300, prev: 3, next: 0, totalPage: 4);
        // A page entirely past the window.
        var past = await Store.Assets.SearchAsync(Query("quarterly"), Page(SearchQuery.RankedMatches / 5 + 1, 5), NoCancellation);
        Assert.Equal(expected[SearchQuery.RankedMatches..], TestDataAssert.Names(past));
        Assert.Equal(expected.Length, past.Pagination.Total);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public async Task The_total_counts_every_match_whether_the_ranked_window_is_short_full_or_overflowing(int beyondWindow)
    {
        var matching = SearchQuery.RankedMatches + beyondWindow;
        var assets = Enumerable.Range(0, matching).Select(i => Asset($"match_{i:D4}", "quarterly figures"))
            .Concat(Enumerable.Range(0, 3).Select(i => Asset($"other_{i}", "yearly figures")))
            .ToList();
        await Store.Assets.UpsertAsync(assets, NoCancellation);

        var first = await Store.Assets.SearchAsync(Query("quarterly figures"), Page(1, 10), NoCancellation);
        var last = await Store.Assets.SearchAsync(Query("quarterly figures"), Page((matching + 9) / 10, 10), NoCancellation);
        var pastTheEnd = await Store.Assets.SearchAsync(Query("quarterly figures"), Page((matching + 9) / 10 + 1, 10), NoCancellation);

        Assert.Equal(10, first.Data.Count);
        Assert.Equal(matching % 10 == 0 ? 10 : matching % 10, last.Data.Count);
        Assert.Empty(pastTheEnd.Data);
        Assert.All(new[] { first, last, pastTheEnd }, page => Assert.Equal(matching, page.Pagination.Total));
        Assert.Equal(matching + 3, (await Store.Assets.SearchAsync(Query("figures"), Page(1, 10), NoCancellation)).Pagination.Total);
    }
}
