using Microsoft.Playwright;

namespace Mastro.Web.Tests;

/// <summary>A browser page that records uncaught script errors, so a test fails on a crash it would not see on screen.</summary>
public sealed class UiPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public UiPage(IPage page)
    {
        Page = page;
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

    public async ValueTask DisposeAsync()
    {
        Assert.Empty(_errors);
        await Page.Context.CloseAsync();
    }
}
