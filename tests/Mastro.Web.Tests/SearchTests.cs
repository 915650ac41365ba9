using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mastro.Web.Tests;

[Collection(WebUiCollection.Name)]
public sealed class SearchTests(WebUiFixture server)
{
    private static ILocator Results(UiPage ui) => ui.Page.Locator(".result-list > li");

    private static async Task SearchAsync(UiPage ui, string query)
    {
        await ui.Page.GetByLabel("Words or #tags").FillAsync(query);
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task Text_search_shows_each_result_with_type_description_tags_and_last_seen_and_puts_the_query_in_the_url()
    {
        await using var ui = await server.OpenAsync("/");
        await SearchAsync(ui, "orders 2021");

        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"/\?q=orders\+2021$"));
        var first = Results(ui).First;
        await Expect(first.GetByRole(AriaRole.Link, new() { Name = SeedData.Orders })).ToBeVisibleAsync();
        await Expect(first.Locator(".badge")).ToHaveTextAsync("table");
        await Expect(first).ToContainTextAsync("All orders of 2021");
        await Expect(first.GetByRole(AriaRole.Button, new() { Name = "#pii" })).ToBeVisibleAsync();
        await Expect(first).ToContainTextAsync(new Regex(@"Last seen (just now|\d+ minutes? ago)"));
        await ui.ScreenshotAsync("search-text");
    }

    [Fact]
    public async Task Tag_search_pages_through_results_and_a_shared_url_opens_the_same_page()
    {
        await using var ui = await server.OpenAsync("/");
        await SearchAsync(ui, $"#{SeedData.FinanceTag}");
        var total = SeedData.LedgerEntries + 1;
        await Expect(ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Result pages" })).ToContainTextAsync($"Page 1 of 2 · {total} results");
        await Expect(Results(ui)).ToHaveCountAsync(20);

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Next →" }).ClickAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"\?q=%23finance&page=2$"));
        await Expect(Results(ui)).ToHaveCountAsync(total - 20);
        var secondPage = await Results(ui).AllInnerTextsAsync();

        await using var shared = await server.OpenAsync(ui.Page.Url);
        await Expect(Results(shared)).ToHaveCountAsync(total - 20);
        Assert.Equal(secondPage, await Results(shared).AllInnerTextsAsync());
        await Expect(shared.Page.GetByLabel("Words or #tags")).ToHaveValueAsync("#finance");
        await shared.ScreenshotAsync("search-tag-page-2");
    }

    [Fact]
    public async Task Clicking_a_tag_adds_it_to_the_query_and_removing_the_chip_drops_it()
    {
        await using var ui = await server.OpenAsync("/?q=orders");
        await Results(ui).Filter(new() { HasText = SeedData.Orders }).GetByRole(AriaRole.Button, new() { Name = "#pii" }).ClickAsync();
        await Expect(ui.Page.GetByLabel("Words or #tags")).ToHaveValueAsync("orders #pii");
        await Expect(Results(ui)).ToHaveCountAsync(1);
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Remove tag filter pii" }).ClickAsync();
        await Expect(ui.Page.GetByLabel("Words or #tags")).ToHaveValueAsync("orders");
    }

    [Fact]
    public async Task Type_filter_keeps_only_that_type_and_is_in_the_url()
    {
        await using var ui = await server.OpenAsync("/?q=orders");
        await Expect(Results(ui)).Not.ToHaveCountAsync(0);
        var unfiltered = await Results(ui).CountAsync();

        await ui.Page.GetByRole(AriaRole.Group, new() { Name = "Asset type" }).GetByLabel("pipeline").CheckAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"\?q=orders&type=pipeline$"));
        await Expect(Results(ui)).ToHaveCountAsync(1);
        await Expect(Results(ui).First.GetByRole(AriaRole.Link)).ToHaveTextAsync(SeedData.LoadOrders);
        Assert.True(unfiltered > 1, $"the text search alone found {unfiltered}");
        await ui.ScreenshotAsync("search-type-filter");
    }

    [Fact]
    public async Task Type_filter_without_words_pages_over_all_assets_of_that_type()
    {
        await using var ui = await server.OpenAsync("/?type=report&type=pipeline&limit=10");
        await Expect(ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Result pages" })).ToContainTextAsync("3 results");
        var types = await ui.Page.Locator(".result-list .badge").AllInnerTextsAsync();
        Assert.All(types, t => Assert.Contains(t, new[] { "report", "pipeline" }));
    }

    [Fact]
    public async Task A_search_without_matches_says_so()
    {
        await using var ui = await server.OpenAsync("/?q=zzqx%20nothing");
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No assets match this search.");
        await Expect(Results(ui)).ToHaveCountAsync(0);
        await ui.ScreenshotAsync("search-empty");
    }

    [Fact]
    public async Task Unicode_words_find_unicode_names()
    {
        await using var ui = await server.OpenAsync("/");
        await SearchAsync(ui, "données");
        await Expect(Results(ui).First.GetByRole(AriaRole.Link)).ToHaveTextAsync(SeedData.Unicode);
        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"\?q=donn%C3%A9es$"));
    }

    [Fact]
    public async Task The_search_works_from_the_keyboard_alone()
    {
        await using var ui = await server.OpenAsync("/");
        await Expect(ui.Page.GetByLabel("Words or #tags")).ToBeVisibleAsync();
        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(ui.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await ui.Page.Keyboard.PressAsync("Enter");
        await ui.Page.Keyboard.PressAsync("Tab");
        await Expect(ui.Page.GetByLabel("Words or #tags")).ToBeFocusedAsync();
        await ui.Page.Keyboard.TypeAsync("revenue");
        await ui.Page.Keyboard.PressAsync("Enter");
        await Expect(Results(ui)).ToHaveCountAsync(1);

        // Tab onwards until the result link has focus, then open it with Enter.
        for (var i = 0; i < 40 && await ui.Page.EvaluateAsync<string>("document.activeElement.textContent") != SeedData.Revenue; i++)
            await ui.Page.Keyboard.PressAsync("Tab");
        await ui.Page.Keyboard.PressAsync("Enter");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.Revenue);
    }
}
