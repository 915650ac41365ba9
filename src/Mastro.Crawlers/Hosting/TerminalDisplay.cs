using Mastro.Crawlers.Running;
using Spectre.Console;

namespace Mastro.Crawlers.Hosting;

/// <summary>For people at a terminal: a live line with the running counts, then a summary table.</summary>
public sealed class TerminalDisplay(IAnsiConsole console) : ICrawlDisplay
{
    private const int ListedProblems = 20;

    public async Task<CrawlReport> ShowRunAsync(Func<IProgress<CrawlProgress>?, Task<CrawlReport>> crawl)
    {
        CrawlReport? report = null;
        await console.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("crawling…").IsIndeterminate();
                report = await crawl(new TaskProgress(task));
                task.StopTask();
            });
        return report!;
    }

    public void ShowReport(CrawlReport report)
    {
        var table = new Table().Title($"crawl [bold]{Markup.Escape(report.Crawler)}[/] {Outcome(report)}")
            .AddColumn("found").AddColumn("sent").AddColumn("skipped").AddColumn("failed").AddColumn("marked stale").AddColumn("time");
        table.AddRow($"{report.Found}", $"{report.Sent}", $"{report.Skipped.Count}", $"{report.Failed.Count}", $"{report.MarkedStale}",
            $"{(report.FinishedAt - report.StartedAt).TotalSeconds:0.0}s");
        console.Write(table);
        foreach (var skip in report.Skipped.Take(ListedProblems))
            console.MarkupLine($"[yellow]skipped[/] {Markup.Escape(skip.Origin)}: {Markup.Escape(skip.Reason)}");
        foreach (var failure in report.Failed.Take(ListedProblems))
            console.MarkupLine($"[red]failed[/] {Markup.Escape(failure.AssetName)}: {Markup.Escape(failure.Reason)}");
        if (report.Skipped.Count + report.Failed.Count > 2 * ListedProblems)
            console.MarkupLine("[grey](more in the log)[/]");
        if (report.Error is not null)
            console.MarkupLine($"[red]error[/] {Markup.Escape(report.Error)}");
        if (report.StaleError is not null)
            console.MarkupLine($"[yellow]stale marking[/] {Markup.Escape(report.StaleError)}");
    }

    private static string Outcome(CrawlReport report) =>
        report.Error is not null ? "[red]failed[/]"
        : report.Cancelled ? "[yellow]cancelled[/]"
        : report.Failed.Count > 0 ? "[red]incomplete[/]"
        : "[green]succeeded[/]";

    /// <summary>Updates the live line in place; Spectre redraws it on its own timer.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<CrawlProgress>
    {
        public void Report(CrawlProgress value) =>
            task.Description = $"found {value.Found} · sent {value.Sent} · skipped {value.Skipped} · failed {value.Failed}";
    }
}
