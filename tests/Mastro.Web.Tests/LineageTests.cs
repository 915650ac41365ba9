using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mastro.Web.Tests;

[Collection(WebUiCollection.Name)]
public sealed class LineageTests(WebUiFixture server)
{
    private static ILocator Graph(UiPage ui) => ui.Page.Locator(".graph svg");

    private static ILocator Node(UiPage ui, string id) => ui.Page.Locator($".graph a.node[data-id=\"{id}\"]");

    [Fact]
    public async Task Clicking_a_node_follows_the_edge_to_that_asset()
    {
        await using var ui = await server.OpenAsync($"/ui/asset/{SeedData.Orders}");
        // raw.orders → etl.load_orders → sales.orders_2021 → reports.revenue.
        await Expect(Graph(ui)).ToHaveAttributeAsync("data-nodes", "4");
        await Expect(ui.Page.Locator($".graph path.edge[data-origin=\"{SeedData.LoadOrders}\"][data-destination=\"{SeedData.Orders}\"]")).ToHaveCountAsync(1);
        await Expect(Node(ui, SeedData.Orders)).ToHaveAttributeAsync("aria-current", "page");
        await ui.ScreenshotAsync("lineage-orders");

        await Node(ui, SeedData.LoadOrders).ClickAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"/ui/asset/etl\.load_orders$"));
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.LoadOrders);
        await Expect(Node(ui, SeedData.LoadOrders)).ToHaveAttributeAsync("aria-current", "page");
    }

    [Fact]
    public async Task Direction_and_depth_change_the_graph()
    {
        await using var ui = await server.OpenAsync($"/ui/asset/{SeedData.Orders}");
        await Expect(Graph(ui)).ToHaveAttributeAsync("data-nodes", "4");
        await ui.Page.GetByLabel("Direction").SelectOptionAsync("upstream");
        await Expect(Graph(ui)).ToHaveAttributeAsync("data-nodes", "3");
        await ui.Page.GetByLabel("Depth").SelectOptionAsync("1");
        await Expect(Graph(ui)).ToHaveAttributeAsync("data-nodes", "2");
    }

    [Fact]
    public async Task A_graph_of_more_than_a_hundred_nodes_stays_navigable()
    {
        await using var ui = await server.OpenAsync($"/ui/asset/{SeedData.Hub}");
        await ui.Page.GetByLabel("Depth").SelectOptionAsync("10");
        var expected = 1 + SeedData.HubSources + SeedData.HubOutputs + SeedData.ChainLength;
        await Expect(Graph(ui)).ToHaveAttributeAsync("data-nodes", expected.ToString());
        await Expect(ui.Page.Locator(".graph a.node")).ToHaveCountAsync(expected);

        // The current asset is scrolled into view and labels keep a readable size at 100 %.
        await Expect(Node(ui, SeedData.Hub)).ToBeInViewportAsync();
        var fontSize = await ui.Page.Locator(".graph .node-name").First.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        Assert.Equal("13px", fontSize);
        await ui.ScreenshotAsync("lineage-big");

        await ui.Page.GetByLabel("Find").FillAsync($"chain_{SeedData.ChainLength - 1}");
        await Expect(ui.Page.Locator(".graph a.node.match")).ToHaveCountAsync(1);
        await ui.Page.GetByLabel("Find").PressAsync("Enter");
        await Expect(Node(ui, $"big.chain_{SeedData.ChainLength - 1}")).ToBeInViewportAsync();

        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Fit" }).ClickAsync();
        await Expect(ui.Page.Locator(".graph-toolbar .zoom")).Not.ToHaveTextAsync("100%");
        await ui.ScreenshotAsync("lineage-big-fit");
    }

    [Fact]
    public async Task Graph_nodes_are_reachable_with_the_keyboard()
    {
        await using var ui = await server.OpenAsync($"/ui/asset/{SeedData.LoadOrders}");
        await Expect(Node(ui, SeedData.RawOrders)).ToBeVisibleAsync();
        await Node(ui, SeedData.RawOrders).FocusAsync();
        await ui.Page.Keyboard.PressAsync("Enter");
        await Expect(ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(SeedData.RawOrders);
    }
}
