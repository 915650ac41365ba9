using Mastro.Testing;

namespace Mastro.Reliability.Tests.Support;

/// <summary>
/// The real <c>mastro</c> binary serving every role from a config file, on a loopback port, over a SQLite file or
/// a fresh PostgreSQL database. It can be killed and started again on the same store and port.
/// </summary>
public sealed class ServerUnderTest : IAsyncDisposable
{
    private readonly string _configPath;

    private ServerUnderTest(string configPath, int port, string storeDescription)
    {
        _configPath = configPath;
        Url = $"http://127.0.0.1:{port}";
        StoreDescription = storeDescription;
    }

    public string Url { get; }

    /// <summary>For figures: which store this server runs on.</summary>
    public string StoreDescription { get; }

    public MastroProcess Process { get; private set; } = null!;

    /// <summary>Starts a server on a new store of the given kind (PostgreSQL: a fresh database on the shared test cluster).</summary>
    public static async Task<ServerUnderTest> StartAsync(StoreKind kind, TempDirectory directory, string extraDetails = "")
    {
        var backend = kind switch
        {
            StoreKind.Sqlite => $"""
                  type: sqlite
                  settings:
                    path: "{directory.File("mastro.db")}"
                """,
            _ => $"""
                  type: postgres
                  settings:
                    connection-string: "{await (await PostgresServer.GetAsync()).CreateDatabaseAsync("reliability")}"
                """,
        };
        return await StartAsync(backend, kind.ToString().ToLowerInvariant(), directory, extraDetails);
    }

    /// <summary>Starts a server with the given <c>backend:</c> section (indented by two spaces).</summary>
    public static async Task<ServerUnderTest> StartAsync(string backend, string storeDescription, TempDirectory directory, string extraDetails = "")
    {
        var port = ExternalProcess.FreeTcpPort();
        var configPath = directory.File($"mastro-{port}.yaml");
        await File.WriteAllTextAsync(configPath, $"""
            type: all
            details:
              port: {port}
              address: 127.0.0.1
              store-wait-seconds: 20
            {extraDetails}
            backend:
              name: reliability
            {backend}
            """);
        var server = new ServerUnderTest(configPath, port, storeDescription);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Starts the binary (again) on the same config, store and port, and waits until it is ready.</summary>
    public async Task RestartAsync()
    {
        Process = MastroProcess.Start(["serve", "--config", _configPath]);
        await Process.WaitUntilReadyAsync($"{Url}/readyz", TimeSpan.FromSeconds(40));
    }

    /// <summary><c>kill -9</c>: no shutdown code runs, open transactions and in-flight answers are simply cut off.</summary>
    public async Task KillAsync()
    {
        Process.Signal(MastroProcess.SigKill);
        await Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        await Process.DisposeAsync();
    }

    /// <summary>
    /// Keeps the server's log next to the figures (<c>test-artifacts/reliability/&lt;name&gt;.server.log</c>), so a failure
    /// can be read from the server's side too.
    /// </summary>
    public void SaveLog(string name)
    {
        Directory.CreateDirectory(Figures.Directory);
        File.WriteAllText(Path.Combine(Figures.Directory, $"{name}.server.log"), $"{Process.StandardOutput}\n{Process.StandardError}");
    }

    public HttpClient CreateClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = new Uri(Url), Timeout = timeout ?? TimeSpan.FromSeconds(30) };

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
