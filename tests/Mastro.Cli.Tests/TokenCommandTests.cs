using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Testing;

namespace Mastro.Cli.Tests;

/// <summary>
/// <c>mastro token create|list|revoke</c> and <c>mastro audit</c> with the real binary, against the store a running
/// server with required authentication uses.
/// </summary>
public sealed class TokenCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private const string TokenPattern = "^mastro_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$";

    private static async Task<(int Code, string Stdout, string Stderr)> MastroAsync(params string[] arguments) =>
        await MastroProcess.RunAsync(arguments);

    [Fact]
    public async Task Create_prints_the_token_once_list_never_shows_it_and_names_are_unique_among_active_tokens()
    {
        var data = _directory.File("data");

        var (code, stdout, stderr) = await MastroAsync("token", "create", "--data", data, "--role", "edit", "--name", "ci-crawler");

        Assert.True(code == 0, stderr);
        var token = Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(TokenPattern, token);
        Assert.Contains("shown only this once", stderr);

        var list = await MastroAsync("token", "list", "--data", data);
        Assert.Equal(0, list.Code);
        var row = Assert.Single(list.Stdout.Split('\n'), line => line.Contains("ci-crawler"));
        Assert.Matches(@"^[0-9a-f]{16}\s+ci-crawler\s+edit\s+\S+Z\s+active$", row);
        Assert.DoesNotContain(token.Split('_', 3)[2], list.Stdout + list.Stderr);
        Assert.DoesNotContain(token.Split('_', 3)[2], File.ReadAllText(Path.Combine(data, "mastro.db")));

        var twice = await MastroAsync("token", "create", "--data", data, "--role", "view", "--name", "ci-crawler");
        Assert.Equal(1, twice.Code);
        Assert.Contains("an active token named 'ci-crawler' already exists", twice.Stderr);
    }

    [Theory]
    [InlineData("--role", "superuser", "--name", "x")]
    [InlineData("--role", "view", "--name", "has space")]
    [InlineData("--name", "no-role")]
    public async Task Bad_arguments_are_refused_without_creating_anything(params string[] arguments)
    {
        var data = _directory.File("refused");

        var (code, _, stderr) = await MastroAsync(["token", "create", "--data", data, .. arguments]);

        Assert.NotEqual(0, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
        Assert.DoesNotContain("mastro_", (await MastroAsync("token", "list", "--data", data)).Stdout);
    }

    [Fact]
    public async Task A_server_requiring_tokens_accepts_a_created_token_refuses_it_after_revoke_and_audits_its_writes()
    {
        var port = ExternalProcess.FreeTcpPort();
        var config = _directory.File("catalogue.yml");
        await File.WriteAllTextAsync(config, $"""
            type: catalogue
            details:
              port: {port}
              address: 127.0.0.1
              auth: required
            backend:
              type: sqlite
              settings:
                path: {_directory.File("store/mastro.db")}
            """);
        var created = await MastroAsync("token", "create", "--config", config, "--role", "edit", "--name", "ci-crawler");
        Assert.True(created.Code == 0, created.Stderr);
        var token = created.Stdout.Trim();
        const string adminToken = "bootstrap-admin-token-for-cli-test-0123456789";
        await using var server = MastroProcess.Start(["serve", "--config", config],
            new Dictionary<string, string?> { ["MASTRO_ADMIN_TOKEN"] = adminToken });
        var url = $"http://127.0.0.1:{port}";
        await server.WaitUntilReadyAsync($"{url}/readyz");
        using var anonymous = new HttpClient { BaseAddress = new Uri(url) };
        using var crawler = new HttpClient { BaseAddress = new Uri(url) };
        crawler.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var put = await crawler.PutAsJsonAsync("/assets/", new JsonArray(new JsonObject { ["name"] = "cli.orders", ["type"] = "table" }));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/assets/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await crawler.GetAsync("/audit")).StatusCode);

        var revoked = await MastroAsync("token", "revoke", "ci-crawler", "--config", config);
        Assert.True(revoked.Code == 0, revoked.Stderr);
        Assert.Contains("Revoked token 'ci-crawler'", revoked.Stdout);
        // The server remembers verified tokens for a few seconds; after that the revocation holds.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var status = HttpStatusCode.OK;
        while (DateTime.UtcNow < deadline && (status = (await crawler.GetAsync("/assets/")).StatusCode) == HttpStatusCode.OK)
            await Task.Delay(250);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1, (await MastroAsync("token", "revoke", "ci-crawler", "--config", config)).Code);

        var audit = await MastroAsync("audit", "--config", config, "--actor", "ci-crawler", "--limit", "50");
        Assert.True(audit.Code == 0, audit.Stderr);
        var lines = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("TIME", lines[0]);
        Assert.Contains(lines, line => line.Contains("ci-crawler") && line.Contains("PUT /assets") && line.Contains("201 ok") && line.Contains("cli.orders"));
        Assert.Contains(lines, line => line.Contains("GET /audit") && line.Contains("403 forbidden"));
        using var admin = new HttpClient { BaseAddress = new Uri(url) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        var entries = (await admin.GetFromJsonAsync<JsonObject>("/audit?actor=anonymous"))!["data"]!.AsArray();
        Assert.Contains(entries, e => (int)e!["status"]! == 401);

        server.Signal(MastroProcess.SigTerm);
        Assert.Equal(0, await server.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var output = server.StandardOutput + server.StandardError;
        Assert.Contains("Authentication required", output);
        Assert.DoesNotContain(token.Split('_', 3)[2], output);
        Assert.DoesNotContain(adminToken, output);
    }

    [Fact]
    public async Task A_short_bootstrap_admin_token_stops_serve_with_a_config_error_that_does_not_print_it()
    {
        var (code, stdout, stderr) = await MastroProcess.RunAsync(
            ["serve", "--data", _directory.File("short"), "--port", ExternalProcess.FreeTcpPort().ToString()],
            new Dictionary<string, string?> { ["MASTRO_ADMIN_TOKEN"] = "tooShortSecret" });

        Assert.Equal(2, code);
        Assert.Contains("MASTRO_ADMIN_TOKEN: too short", stderr);
        Assert.DoesNotContain("tooShortSecret", stdout + stderr);
    }

    [Fact]
    public async Task Audit_of_an_empty_store_prints_only_the_header_and_refuses_a_bad_time()
    {
        var data = _directory.File("empty");

        var (code, stdout, _) = await MastroAsync("audit", "--data", data);
        Assert.Equal(0, code);
        Assert.StartsWith("TIME", Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        var bad = await MastroAsync("audit", "--data", data, "--since", "yesterday");
        Assert.Equal(2, bad.Code);
        Assert.Contains("--since: 'yesterday'", bad.Stderr);
    }
}
