using Microsoft.Playwright;

namespace Mastro.Web.Tests;

/// <summary>Debian's Chromium (installed by test.sh) driven by Playwright: Playwright's own browser download is never used.</summary>
public static class Chromium
{
    private const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A fresh browser context (no shared history, cache or storage) sized like a laptop screen, opened at <paramref name="path"/>.</summary>
    public static async Task<UiPage> OpenAsync(IBrowser browser, string baseUrl, string path)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            Locale = "en-GB",
        });
        // Every wait in these tests is for a local server: fail in seconds, not Playwright's default 30.
        context.SetDefaultTimeout(10_000);
        var ui = new UiPage(await context.NewPageAsync());
        await ui.Page.GotoAsync(path);
        return ui;
    }
}
