using Mastro.Testing;

namespace Mastro.Crawlers.Tests.SparkLogs;

/// <summary>The real event logs in shared/fixtures/spark-eventlogs (Spark 3.1.1, from spark-rapids-tools) and logs derived from them.</summary>
public static class SparkLogFixtures
{
    public static string Directory => RepositoryPaths.Fixture("spark-eventlogs");
    public static string Plain(string name) => Path.Combine(Directory, name);

    public const string DatasetApp = "local-1651187225439";
    public const string WriteFormatApp = "local-1629442299891";
    public const string CreateTableApp = "local-1651677538590";

    public static async Task<string[]> LinesAsync(string name) => await File.ReadAllLinesAsync(Plain(name));

    /// <summary>Compresses with the zstd command line tool, i.e. standard zstd frames like zstd-jni writes.</summary>
    public static async Task CompressAsync(string source, string target) =>
        await ExternalProcess.RunAsync("zstd", ["-q", "-f", source, "-o", target]);

    /// <summary>
    /// Splits a plain log into a rolling log directory as Spark 3 writes it: eventlog_v2_&lt;app&gt;/events_&lt;n&gt;_&lt;app&gt;.zstd
    /// plus an appstatus marker (with .inprogress, and no end event yet, while the application runs).
    /// </summary>
    public static async Task<string> RollingAsync(string parent, string plainName, string appId, int parts, bool inProgress = false)
    {
        var directory = Path.Combine(parent, $"eventlog_v2_{appId}");
        System.IO.Directory.CreateDirectory(directory);
        var lines = (await LinesAsync(plainName))
            .Where(line => !inProgress || !line.Contains("\"SparkListenerApplicationEnd\"", StringComparison.Ordinal))
            .ToArray();
        var size = (lines.Length + parts - 1) / parts;
        for (var i = 0; i < parts; i++)
        {
            var plain = Path.Combine(parent, $"part-{appId}-{i}.tmp");
            await File.WriteAllLinesAsync(plain, lines.Skip(i * size).Take(size));
            await CompressAsync(plain, Path.Combine(directory, $"events_{i + 1}_{appId}.zstd"));
            File.Delete(plain);
        }
        await File.WriteAllBytesAsync(Path.Combine(directory, $"appstatus_{appId}{(inProgress ? ".inprogress" : "")}"), []);
        return directory;
    }
}
