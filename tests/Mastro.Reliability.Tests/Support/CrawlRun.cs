using System.Text.Json.Nodes;
using Mastro.Testing;

namespace Mastro.Reliability.Tests.Support;

/// <summary>
/// One <c>mastro crawl --config … --once</c> run of the real binary: its exit code and the figures of the report line
/// it logs (<c>crawl NAME OUTCOME: found, sent, skipped, failed, marked stale</c>).
/// </summary>
public sealed record CrawlRun(int ExitCode, string Outcome, int Found, int Sent, int Skipped, int Failed, int MarkedStale, int Retries, string Output)
{
    public static async Task<CrawlRun> RunAsync(string configPath)
    {
        var (code, stdout, stderr) = await MastroProcess.RunAsync(["crawl", "--config", configPath, "--once"], timeout: TimeSpan.FromSeconds(90));
        var report = stdout.Split('\n').Select(TryParse).LastOrDefault(state => state?["Outcome"] is not null);
        int Count(string key) => (int?)report?[key] ?? -1;
        var retries = stdout.Split('\n').Count(line => line.Contains("retrying in", StringComparison.Ordinal));
        return new CrawlRun(code, (string?)report?["Outcome"] ?? "no report", Count("Found"), Count("Sent"), Count("Skipped"), Count("Failed"),
            Count("MarkedStale"), retries, stdout + stderr);
    }

    /// <summary>For figures: what the run reported.</summary>
    public override string ToString() =>
        $"exit {ExitCode}, {Outcome}: found {Found}, sent {Sent}, skipped {Skipped}, failed {Failed}, marked stale {MarkedStale}, {Retries} retried attempts";

    private static JsonNode? TryParse(string line)
    {
        try
        {
            return line.StartsWith('{') ? JsonNode.Parse(line)?["State"] : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
