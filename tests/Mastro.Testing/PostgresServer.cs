using Npgsql;

namespace Mastro.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster on a free loopback port, started once per test process and
/// stopped when it exits. Each test class asks for its own database. The binaries come from
/// Debian's postgresql package, which the test script installs; as root (CI) the server runs as
/// the postgres user, since initdb refuses root.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    /// <summary>The process-wide server, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string AdminConnectionString { get; }
    public int Port { get; }
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private int _databaseCounter;

    private PostgresServer(string binDirectory, string dataDirectory, int port)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        Port = port;
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Timeout=15";
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Timeout=15";
    }

    /// <summary>Runs pg_ctl with the given action (e.g. <c>stop -m immediate</c>) — for outage tests.</summary>
    public Task ControlAsync(params string[] arguments) =>
        RunAsPostgres(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, .. arguments]);

    public Task StartServerAsync() => ControlAsync(
        "-l", Path.Combine(_dataDirectory, "server.log"), "-w", "-t", "30",
        "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {_dataDirectory} -c fsync=off -c max_connections=300",
        "start");

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var data = Path.Combine(Path.GetTempPath(), $"mastro-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (ExternalProcess.IsRoot)
            await ExternalProcess.RunAsync("chown", ["postgres:postgres", data]);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var server = new PostgresServer(bin, data, ExternalProcess.FreeTcpPort());
        await RunAsPostgres(Path.Combine(bin, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
        await server.StartServerAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        server.StartWatchdog();
        return server;
    }

    /// <summary>
    /// The test host may be killed rather than exit (so ProcessExit never runs): a detached shell stops the
    /// cluster and removes its files as soon as this process is gone, so no server outlives its tests.
    /// </summary>
    private void StartWatchdog()
    {
        const string script = """
            parent=$1; data=$2; shift 2
            while kill -0 "$parent" 2>/dev/null; do sleep 2; done
            "$@" -D "$data" -m immediate stop >/dev/null 2>&1
            rm -rf "$data"
            """;
        var pgCtl = Path.Combine(_binDirectory, "pg_ctl");
        string[] stop = ExternalProcess.IsRoot ? ["runuser", "-u", "postgres", "--", pgCtl] : [pgCtl];
        var info = new System.Diagnostics.ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script, "pg-watchdog", Environment.ProcessId.ToString(), _dataDirectory }.Concat(stop))
            info.ArgumentList.Add(argument);
        System.Diagnostics.Process.Start(info)?.Dispose();
    }

    private void Stop()
    {
        try
        {
            ControlAsync("-m", "immediate", "stop").Wait(TimeSpan.FromSeconds(20));
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (Exception)
        {
            // Process exit: nothing more to do; the temp directory is left for the OS.
        }
    }

    private static Task RunAsPostgres(string executable, string[] arguments) =>
        ExternalProcess.IsRoot
            ? ExternalProcess.RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : ExternalProcess.RunAsync(executable, arguments);

    private static string FindBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MASTRO_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(dir => File.Exists(Path.Combine(dir, "initdb")))
                .OrderByDescending(dir => int.TryParse(Path.GetFileName(Path.GetDirectoryName(dir)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian
            ?? Path.GetDirectoryName(ExternalProcess.OnPath("initdb") ?? "")
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) not found: run ./test.sh, which installs Debian's postgresql package.");
    }
}
