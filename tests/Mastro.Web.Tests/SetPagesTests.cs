using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mastro.Web.Tests;

[Collection(WebUiCollection.Name)]
public sealed class SetPagesTests(WebUiFixture server)
{
    [Fact]
    public async Task Metric_sets_are_charted_over_time_one_line_per_column()
    {
        await using var ui = await server.OpenAsync("/");
        await ui.Page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" }).GetByRole(AriaRole.Link, new() { Name = "Metric sets" }).ClickAsync();
        await ui.Page.GetByRole(AriaRole.Link, new() { Name = SeedData.MetricSet }).ClickAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex($"/ui/metricset/{SeedData.MetricSet}$"));

        var completeness = ui.Page.Locator("figure.chart[data-metric=\"Completeness\"]");
        await Expect(completeness.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("data-series", "2");
        await Expect(completeness.Locator("g.series")).ToHaveCountAsync(2);
        await Expect(completeness.Locator("g.series[data-label=\"customer_email\"] circle")).ToHaveCountAsync(SeedData.MetricDates.Length);
        await Expect(completeness.Locator(".legend li")).ToHaveTextAsync(["customer_email", "order_id"]);
        await Expect(completeness.Locator(".axis text")).ToContainTextAsync(["2023-11-14", "2023-11-15", "2023-11-16"]);

        // Completeness of customer_email rises over the three dates, so its line climbs (SVG y grows downwards).
        var ys = await completeness.Locator("g.series[data-label=\"customer_email\"] circle").EvaluateAllAsync<double[]>("cs => cs.map(c => Number(c.getAttribute('cy')))");
        Assert.True(ys[0] > ys[1] && ys[1] > ys[2], $"y positions {string.Join(", ", ys)}");
        await Expect(ui.Page.Locator("figure.chart[data-metric=\"Size\"] g.series circle")).ToHaveCountAsync(3);
        await ui.ScreenshotAsync("metric-set-chart");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "run-1" }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Version run-1" })).ToBeVisibleAsync();
        await Expect(ui.Page.Locator("table.metrics tbody tr")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Feature_sets_list_by_name_and_show_features_of_each_version()
    {
        await using var ui = await server.OpenAsync("/ui/featuresets");
        var row = ui.Page.Locator("table.sets tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator("td").First.GetByRole(AriaRole.Link)).ToHaveTextAsync(["v2", "v1"]);
        await row.GetByRole(AriaRole.Link, new() { Name = SeedData.FeatureSet }).ClickAsync();
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Name = "Version v2" })).ToBeVisibleAsync();

        var features = ui.Page.Locator("table.features > tbody > tr");
        await Expect(features).ToHaveCountAsync(4);
        await Expect(features.Filter(new() { HasText = "orders_last_30d" })).ToContainTextAsync("4");
        // An object value is a table of its keys.
        await Expect(features.Filter(new() { HasText = "address" }).Locator("table.nested")).ToContainTextAsync("Zürich");
        await Expect(ui.Page.Locator("table.kv").First).ToContainTextAsync("growth");
        await ui.ScreenshotAsync("feature-set");

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "v1" }).ClickAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"\?version=v1$"));
        await Expect(features.Filter(new() { HasText = "orders_last_30d" })).ToContainTextAsync("3");
        Assert.DoesNotContain("[object Object]", await ui.Main.InnerTextAsync());
    }

    [Fact]
    public async Task A_set_name_without_sets_says_so()
    {
        await using var ui = await server.OpenAsync("/ui/featureset/nothing%20here");
        await Expect(ui.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("No feature set named nothing here.");
    }
}
