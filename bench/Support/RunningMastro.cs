namespace Mastro.Bench.Support;

/// <summary>A started <c>mastro serve</c> on 127.0.0.1, ready (its <c>/readyz</c> answered 200).</summary>
public sealed class RunningMastro(ChildProcess process, string baseUrl, TimeSpan startup) : IAsyncDisposable
{
    public ChildProcess Process => process;
    public string BaseUrl => baseUrl;

    /// <summary>From process start to the first 200 on <c>/readyz</c>.</summary>
    public TimeSpan Startup => startup;

    /// <summary>The embedded SQLite store in a fresh directory.</summary>
    public static Task<RunningMastro> StartSqliteAsync(BenchContext context, string name, CancellationToken cancellationToken) =>
        StartAsync(context, name, port => ["serve", "--data", context.Directory(name), "--port", port.ToString()], cancellationToken);

    /// <summary>The catalogue role on a PostgreSQL database, through a config file as in production.</summary>
    public static Task<RunningMastro> StartPostgresAsync(
        BenchContext context, string name, string connectionString, CancellationToken cancellationToken) =>
        StartAsync(context, name, port =>
        {
            var config = Path.Combine(context.Directory(name), "mastro.yml");
            File.WriteAllText(config, $"""
                type: catalogue
                details:
                  port: {port}
                  address: 127.0.0.1
                backend:
                  type: postgres
                  settings:
                    connection-string: "{connectionString}"
                """);
            return ["serve", "--config", config];
        }, cancellationToken);

    private static async Task<RunningMastro> StartAsync(
        BenchContext context, string name, Func<int, string[]> arguments, CancellationToken cancellationToken)
    {
        var port = Mastro.Testing.ExternalProcess.FreeTcpPort();
        var process = context.Binary.Start(arguments(port), Path.Combine(context.Directory(name), "mastro.log"));
        try
        {
            var baseUrl = $"http://127.0.0.1:{port}";
            var startup = await process.WaitUntilReadyAsync($"{baseUrl}/readyz", TimeSpan.FromSeconds(60), cancellationToken);
            return new RunningMastro(process, baseUrl, startup);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
