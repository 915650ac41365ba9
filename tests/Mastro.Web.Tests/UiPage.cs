using Microsoft.Playwright;

namespace Mastro.Web.Tests;

/// <summary>A browser page that records uncaught script errors, so a test fails on a crash it would not see on screen.</summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly bool _ownsContext;

    public UiPage(IPage page, bool ownsContext = true)
    {
        Page = page;
        _ownsContext = ownsContext;
        page.PageError += (_, error) => _errors.Add(error);
    }

    public IPage Page { get; }

    public ILocator Main => Page.Locator("main");

    /// <summary>Saves a full-page screenshot under test-artifacts/ui/ and fails if a script error happened so far.</summary>
    public async Task ScreenshotAsync(string name)
    {
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(WebUiFixture.ScreenshotDirectory, $"{name}.png"), FullPage = true });
        Assert.Empty(_errors);
    }

    /// <summary>Another tab of the same browser context (it shares localStorage, but has its own sessionStorage).</summary>
    public async Task<UiPage> NewTabAsync(string path)
    {
        var tab = new UiPage(await Page.Context.NewPageAsync(), ownsContext: false);
        await tab.Page.GotoAsync(path);
        return tab;
    }

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_errors);
        if (_ownsContext) await Page.Context.CloseAsync();
        else await Page.CloseAsync();
    }
}
