using Mastro.Testing;
using Microsoft.Playwright;

namespace Mastro.Web.Tests;

/// <summary>
/// The real <c>mastro serve</c> binary on a free port with an empty embedded store, seeded through its HTTP API,
/// and Debian's Chromium driven by Playwright. Shared by every browser test (starting both takes a few seconds).
/// </summary>
public sealed class WebUiFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();
    private MastroProcess? _server;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public HttpClient Http { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryPaths.Root, "test-artifacts", "ui");

    public async Task InitializeAsync()
    {
        var port = ExternalProcess.FreeTcpPort();
        BaseUrl = $"http://127.0.0.1:{port}";
        _server = MastroProcess.Start(["serve", "--data", _data.Path, "--port", port.ToString()]);
        await _server.WaitUntilReadyAsync($"{BaseUrl}/healthz");
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        await SeedData.StoreAsync(Http);

        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    /// <summary>Opens <paramref name="path"/> in a fresh browser context.</summary>
    public Task<UiPage> OpenAsync(string path) => Chromium.OpenAsync(Browser, BaseUrl, path);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Http?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class WebUiCollection : ICollectionFixture<WebUiFixture>
{
    public const string Name = "web ui";
}
