using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Mastro.Web.Tests;

/// <summary>The UI against a server that requires tokens: the sign-in panel, retrying after it, keeping and forgetting the token.</summary>
public sealed class SignInTests(SecuredUiFixture server) : IClassFixture<SecuredUiFixture>
{
    /// <summary>Well-formed (mastro_&lt;id&gt;_&lt;secret&gt;) but never issued.</summary>
    private const string UnknownToken = "mastro_00000000deadbeef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private const string StorageKey = "mastro.apiToken";

    private static ILocator Panel(UiPage ui) => ui.Page.GetByRole(AriaRole.Region, new() { Name = "Sign in" });
    private static ILocator Results(UiPage ui) => ui.Page.Locator(".result-list > li");
    private static ILocator SignOut(UiPage ui) => ui.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" });
    private static ILocator AssetHeading(UiPage ui) => ui.Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = SecuredUiFixture.AssetName });

    private static async Task SignInAsync(UiPage ui, string token, bool remember = false)
    {
        await ui.Page.GetByLabel("API token").FillAsync(token);
        if (remember) await Panel(ui).GetByLabel("Remember on this device").CheckAsync();
        await Panel(ui).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    private static Task<string?> StoredAsync(UiPage ui, string storage) =>
        ui.Page.EvaluateAsync<string?>($"key => {storage}.getItem(key)", StorageKey);

    [Fact]
    public async Task A_search_asks_for_a_token_shows_why_a_wrong_one_is_refused_and_goes_on_with_a_good_one_until_sign_out()
    {
        await using var ui = await server.OpenAsync("/");
        await Expect(Panel(ui)).ToBeVisibleAsync();
        await Expect(Panel(ui)).ToContainTextAsync("mastro token create --role view --name <you>");
        var tokenInput = ui.Page.GetByLabel("API token");
        await Expect(tokenInput).ToHaveAttributeAsync("type", "password");
        await Expect(tokenInput).ToBeFocusedAsync();
        await Expect(SignOut(ui)).ToBeHiddenAsync();

        await ui.Page.GetByLabel("Words or #tags").FillAsync("orders");
        await ui.Page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Expect(ui.Page).ToHaveURLAsync(new Regex(@"/\?q=orders$"));
        await Expect(Panel(ui)).ToBeVisibleAsync();
        await Expect(Results(ui)).ToHaveCountAsync(0);

        await SignInAsync(ui, UnknownToken);
        await Expect(Panel(ui).GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "The server did not accept this token: the token is not valid (unknown, malformed or revoked)");
        await Expect(tokenInput).ToBeFocusedAsync();
        await Expect(tokenInput).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Null(await StoredAsync(ui, "sessionStorage"));
        await ui.ScreenshotAsync("sign-in-refused");

        await SignInAsync(ui, SecuredUiFixture.AdminToken);
        await Expect(Panel(ui)).ToBeHiddenAsync();
        await Expect(Results(ui).First.GetByRole(AriaRole.Link)).ToHaveTextAsync(SecuredUiFixture.AssetName);
        await Expect(SignOut(ui)).ToBeVisibleAsync();
        Assert.DoesNotContain(SecuredUiFixture.AdminToken, ui.Page.Url);
        Assert.Equal(SecuredUiFixture.AdminToken, await StoredAsync(ui, "sessionStorage"));
        Assert.Null(await StoredAsync(ui, "localStorage"));
        await ui.ScreenshotAsync("sign-in-search-signed-in");

        await ui.Page.ReloadAsync();
        await Expect(Results(ui).First.GetByRole(AriaRole.Link)).ToHaveTextAsync(SecuredUiFixture.AssetName);
        await Expect(Panel(ui)).ToBeHiddenAsync();

        await SignOut(ui).ClickAsync();
        await Expect(Panel(ui)).ToBeVisibleAsync();
        await Expect(Results(ui)).ToHaveCountAsync(0);
        await Expect(SignOut(ui)).ToBeHiddenAsync();
        Assert.Null(await StoredAsync(ui, "sessionStorage"));
        await ui.ScreenshotAsync("sign-in-after-sign-out");
    }

    [Fact]
    public async Task A_view_token_reads_asset_pages_and_is_kept_for_new_tabs_only_when_remembered()
    {
        var page = $"/ui/asset/{Uri.EscapeDataString(SecuredUiFixture.AssetName)}";
        await using var ui = await server.OpenAsync(page);
        await SignInAsync(ui, server.ViewToken);
        await Expect(AssetHeading(ui)).ToBeVisibleAsync();
        await Expect(ui.Main).ToContainTextAsync("Orders, readable with a token only.");

        // sessionStorage belongs to one tab: another tab asks again.
        await using var second = await ui.NewTabAsync(page);
        await Expect(Panel(second)).ToBeVisibleAsync();
        await SignInAsync(second, server.ViewToken, remember: true);
        await Expect(AssetHeading(second)).ToBeVisibleAsync();
        await Expect(second.Page.GetByText("Signed in on this device")).ToBeVisibleAsync();

        await using var third = await ui.NewTabAsync(page);
        await Expect(AssetHeading(third)).ToBeVisibleAsync();
        await Expect(Panel(third)).ToBeHiddenAsync();
        Assert.Equal(server.ViewToken, await StoredAsync(third, "localStorage"));
        await third.ScreenshotAsync("sign-in-remembered-asset");

        // Signing out forgets the remembered token too: a new tab asks again.
        await SignOut(third).ClickAsync();
        await Expect(Panel(third)).ToBeVisibleAsync();
        await using var fourth = await ui.NewTabAsync(page);
        await Expect(Panel(fourth)).ToBeVisibleAsync();
        Assert.Null(await StoredAsync(fourth, "localStorage"));
    }
}
