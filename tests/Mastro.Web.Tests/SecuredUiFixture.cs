using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Testing;
using Microsoft.Playwright;

namespace Mastro.Web.Tests;

/// <summary>
/// The real <c>mastro serve</c> with tokens required (a config with <c>details.auth: required</c> and a bootstrap admin
/// token from <c>MASTRO_ADMIN_TOKEN</c>), a view token made with <c>mastro token create</c>, one asset stored with the
/// admin token, and Chromium.
/// </summary>
public sealed class SecuredUiFixture : IAsyncLifetime
{
    public const string AdminToken = "bootstrap-admin-token-for-the-web-ui-tests-0123456789";
    public const string AssetName = "secured.orders";

    private readonly TempDirectory _directory = new();
    private MastroProcess? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = "";
    /// <summary>A token with the <c>view</c> role, as docs/UI.md tells people to create.</summary>
    public string ViewToken { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var port = ExternalProcess.FreeTcpPort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var config = _directory.File("mastro.yml");
        await File.WriteAllTextAsync(config, $"""
            type: all
            details:
              port: {port}
              address: 127.0.0.1
              auth: required
            backend:
              type: sqlite
              settings:
                path: {_directory.File("store/mastro.db")}
            """);
        var created = await MastroProcess.RunAsync(["token", "create", "--config", config, "--role", "view", "--name", "ui-reader"]);
        Assert.True(created.ExitCode == 0, created.Stderr);
        ViewToken = created.Stdout.Trim();

        _server = MastroProcess.Start(["serve", "--config", config], new Dictionary<string, string?> { ["MASTRO_ADMIN_TOKEN"] = AdminToken });
        await _server.WaitUntilReadyAsync($"{BaseUrl}/healthz");
        await SeedAsync();

        Directory.CreateDirectory(WebUiFixture.ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
    }

    private async Task SeedAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var asset = new JsonObject
        {
            ["name"] = AssetName,
            ["type"] = "table",
            ["description"] = "Orders, readable with a token only.",
            ["tags"] = new JsonArray("finance"),
        };
        using var anonymous = await http.PutAsJsonAsync("/asset/", asset);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        using var stored = await http.PutAsJsonAsync("/asset/", asset);
        Assert.True(stored.StatusCode == HttpStatusCode.Created, $"PUT /asset/: {(int)stored.StatusCode} {await stored.Content.ReadAsStringAsync()}");
    }

    public Task<UiPage> OpenAsync(string path) => Chromium.OpenAsync(_browser!, BaseUrl, path);

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        _directory.Dispose();
    }
}
