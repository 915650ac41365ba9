using Mastro.Crawlers.Hosting;
using Mastro.Crawlers.Running;
using Mastro.Crawlers.Sources;
using Mastro.Crawlers.Push;
using Spectre.Console;

namespace Mastro.Crawlers.Tests.Push;

public sealed class DisplayTests
{
    [Fact]
    public async Task The_terminal_display_shows_live_counts_and_a_summary_with_every_kind_of_problem()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(output),
        });
        var display = new TerminalDisplay(console);
        var report = new CrawlReport
        {
            Crawler = "lake",
            StartedAt = DateTimeOffset.UnixEpoch,
            FinishedAt = DateTimeOffset.UnixEpoch.AddSeconds(2),
            Found = 12,
            Sent = 10,
            Skipped = [new SkippedItem("/data/x/MANIFEST.yaml", "invalid YAML at line 3, column 1: oops")],
            Failed = [new SendFailure("bad", "HTTP 400: rejected")],
            MarkedStale = 1,
        };
        IProgress<CrawlProgress>? seen = null;

        var returned = await display.ShowRunAsync(progress =>
        {
            seen = progress;
            progress!.Report(new CrawlProgress(5, 3, 1, 0));
            return Task.FromResult(report);
        });
        display.ShowReport(report);

        Assert.Same(report, returned);
        Assert.NotNull(seen);
        var text = output.ToString();
        Assert.Contains("incomplete", text);
        Assert.Contains("12", text);
        Assert.Contains("skipped /data/x/MANIFEST.yaml: invalid YAML at line 3, column 1: oops", text);
        Assert.Contains("failed bad: HTTP 400: rejected", text);
    }
}
