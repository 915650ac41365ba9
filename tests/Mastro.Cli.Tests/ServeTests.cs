using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mastro.Testing;

namespace Mastro.Cli.Tests;

/// <summary>The started binary: the embedded default, a seed-format config on PostgreSQL with a password from the environment, SIGTERM.</summary>
public sealed class ServeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static async Task<HttpStatusCode> PutAndGetAsync(string baseUrl, string name, string? token = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        if (token is not null)
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var put = await http.PutAsJsonAsync("/assets/", new JsonArray(new JsonObject { ["name"] = name, ["type"] = "dataset" }));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return (await http.GetAsync($"/asset/name/{name}")).StatusCode;
    }

    [Fact]
    public async Task Serve_without_config_runs_every_role_on_an_embedded_store_and_stops_cleanly_on_sigterm()
    {
        var port = ExternalProcess.FreeTcpPort();
        var data = Path.Combine(_directory.Path, "data");
        await using var mastro = MastroProcess.Start(["serve", "--data", data, "--port", port.ToString()]);
        var url = $"http://127.0.0.1:{port}";
        await mastro.WaitUntilReadyAsync($"{url}/readyz");

        Assert.Equal(HttpStatusCode.OK, await PutAndGetAsync(url, "embedded-asset"));
        using var http = new HttpClient();
        Assert.Equal("pong", await http.GetStringAsync($"{url}/healthcheck/featureset"));
        Assert.Equal("pong", await http.GetStringAsync($"{url}/healthcheck/metricstore"));
        Assert.True(File.Exists(Path.Combine(data, "mastro.db")));

        mastro.Signal(MastroProcess.SigTerm);
        Assert.Equal(0, await mastro.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("127.0.0.1", mastro.StandardOutput);
    }

    [Fact]
    public async Task Embedded_data_survives_a_restart()
    {
        var port = ExternalProcess.FreeTcpPort();
        var data = Path.Combine(_directory.Path, "restart");
        var url = $"http://127.0.0.1:{port}";
        await using (var first = MastroProcess.Start(["serve", "--data", data, "--port", port.ToString()]))
        {
            await first.WaitUntilReadyAsync($"{url}/readyz");
            await PutAndGetAsync(url, "kept-asset");
            first.Signal(MastroProcess.SigTerm);
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        }
        await using var second = MastroProcess.Start(["serve", "--data", data, "--port", port.ToString()]);
        await second.WaitUntilReadyAsync($"{url}/readyz");
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{url}/asset/name/kept-asset")).StatusCode);
    }

    [Fact]
    public async Task A_seed_format_config_serves_one_role_on_postgres_with_the_password_from_the_environment()
    {
        var server = await PostgresServer.GetAsync();
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync("cli"));
        var port = ExternalProcess.FreeTcpPort();
        var config = _directory.File("catalogue.yml");
        await File.WriteAllTextAsync(config, $"""
            type: catalogue
            details:
              port: {port}
            backend:
              name: production-postgres
              type: postgres
              settings:
                host: 127.0.0.1:{connection.Port}
                database: {connection.Database}
                username: postgres
                password: ${"{"}MASTRO_TEST_PG_PASSWORD{"}"}
            """);
        const string password = "s3cret-never-logged";
        // Listening on every interface, it requires tokens: the bootstrap admin token comes from a Secret too.
        const string adminToken = "admin-token-never-logged-0123456789abcdef";
        await using var mastro = MastroProcess.Start([], new Dictionary<string, string?>
        {
            ["MASTRO_CONFIG"] = config,
            ["MASTRO_TEST_PG_PASSWORD"] = password,
            ["MASTRO_ADMIN_TOKEN"] = adminToken,
        });
        var url = $"http://127.0.0.1:{port}";
        await mastro.WaitUntilReadyAsync($"{url}/readyz");

        Assert.Equal(HttpStatusCode.OK, await PutAndGetAsync(url, "pg-asset", adminToken));
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{url}/healthcheck/featureset")).StatusCode);
        mastro.Signal(MastroProcess.SigTerm);
        Assert.Equal(0, await mastro.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.DoesNotContain(password, mastro.StandardOutput + mastro.StandardError);
        Assert.DoesNotContain(adminToken, mastro.StandardOutput + mastro.StandardError);
        Assert.Contains("GET /asset/name/pg-asset 200", mastro.StandardOutput);
    }

    [Fact]
    public async Task An_unreachable_store_is_a_clear_failure_not_a_hang()
    {
        var config = _directory.File("unreachable.yml");
        await File.WriteAllTextAsync(config, $"""
            type: catalogue
            details:
              port: {ExternalProcess.FreeTcpPort()}
              store-wait-seconds: 2
            backend:
              type: postgres
              settings:
                connection-string: "Host=127.0.0.1;Port={ExternalProcess.FreeTcpPort()};Username=u;Password=pw-not-printed;Timeout=1"
            """);

        var (code, stdout, stderr) = await MastroProcess.RunAsync(["serve", "--config", config], timeout: TimeSpan.FromSeconds(30));

        Assert.Equal(1, code);
        Assert.Contains("cannot reach the store", stderr);
        Assert.DoesNotContain("pw-not-printed", stdout + stderr);
    }
}
