using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mastro.Web.Tests;

[Collection(WebUiCollection.Name)]
public sealed class AssetPageTests(WebUiFixture server)
{
    private static string AssetPath(string name) => $"/ui/asset/{Uri.EscapeDataString(name)}";

    private static ILocator Section(UiPage ui, string title) =>
        ui.Page.GetByRole(AriaRole.Region, new() { Name = title, Exact = true });

    [Fact]
    public async Task Opening_a_result_shows_the_asset_with_schema_and_labels_as_tables()
    {
        await using var ui = await server.OpenAsync("/?q=orders%202021");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = SeedData.Orders }).ClickAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"/ui/asset/sales\.orders_2021$"));
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.Orders);
        await Expect(ui.Main).ToContainTextAsync("All orders of 2021, one row per order line.");

        var schemaRows = Section(ui, "Schema").Locator("tbody tr");
        await Expect(schemaRows).ToHaveCountAsync(3);
        await Expect(schemaRows.Nth(1)).ToHaveTextAsync(new Regex("customer_email\\s*string\\s*personal data"));

        var labels = Section(ui, "Labels");
        await Expect(labels.Locator("tr", new() { Has = ui.Page.GetByRole(AriaRole.Rowheader, new() { Name = "owner", Exact = true }) })).ToContainTextAsync("finance-team");
        // An object label is a nested key/value table, a list of objects a table with a column per key.
        await Expect(labels.Locator("table.nested th", new() { HasText = "checked-by" })).ToBeVisibleAsync();
        await Expect(labels.Locator("table.nested thead th")).ToHaveTextAsync(["name", "role"]);
        await Expect(labels.Locator("table.nested tbody tr", new() { HasText = "Linus" })).ToContainTextAsync("engineer");
        await Expect(Section(ui, "Versions")).ToContainTextAsync("1700000000");
        await Expect(Section(ui, "Versions")).ToContainTextAsync("2023-11-14 22:13 UTC");
        await Expect(ui.Main.GetByRole(AriaRole.Link, new() { Name = "#pii" })).ToBeVisibleAsync();
        Assert.DoesNotContain("[object Object]", await ui.Main.InnerTextAsync());
        await ui.ScreenshotAsync("asset-orders");
    }

    [Fact]
    public async Task An_asset_sent_with_json_nulls_renders()
    {
        await using var ui = await server.OpenAsync(AssetPath(SeedData.Nulls));
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.Nulls);
        await Expect(Section(ui, "Labels")).ToContainTextAsync("No labels.");
        await Expect(Section(ui, "Versions")).ToContainTextAsync("No versions.");
        await Expect(Section(ui, "Description")).ToContainTextAsync("No description.");
    }

    [Fact]
    public async Task A_stale_asset_says_which_crawler_lost_it_and_when()
    {
        await using var ui = await server.OpenAsync(AssetPath(SeedData.Stale));
        await Expect(ui.Page.GetByRole(AriaRole.Note)).ToHaveTextAsync("Stale: crawler hive no longer finds this asset; last seen 2024-03-01 12:30 UTC.");
        await ui.ScreenshotAsync("asset-stale");
    }

    [Fact]
    public async Task Unicode_and_very_long_names_open_and_fit_the_screen()
    {
        await using var unicode = await server.OpenAsync(AssetPath(SeedData.Unicode));
        await Expect(unicode.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.Unicode);
        await Expect(unicode.Main.GetByRole(AriaRole.Link, new() { Name = "#国際" })).ToBeVisibleAsync();

        await using var ui = await server.OpenAsync("/?q=segment39");
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = SeedData.LongName }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.LongName);
        Assert.True(await ui.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        await ui.ScreenshotAsync("asset-long-name");
    }

    [Fact]
    public async Task An_api_error_is_shown_as_its_message()
    {
        await using var ui = await server.OpenAsync(AssetPath("no such asset"));
        await Expect(ui.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Could not load this. 404 Not Found: Error while retrieving asset :: no asset named 'no such asset'");
        await ui.ScreenshotAsync("asset-not-found");
    }

    [Fact]
    public async Task Depends_on_links_open_the_upstream_asset()
    {
        await using var ui = await server.OpenAsync(AssetPath(SeedData.Orders));
        await ui.Page.Locator(".facts").GetByRole(AriaRole.Link, new() { Name = SeedData.LoadOrders }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.LoadOrders);
        await ui.Page.GoBackAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.Orders);
    }
}
