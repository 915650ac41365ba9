using System.Runtime.CompilerServices;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>
/// The <c>sparklog</c> crawler: every event log under a directory or S3 prefix (plain, zstd, rolling
/// <c>eventlog_v2_*</c>), one <c>pipeline</c> asset per application and the datasets its SQL read and wrote.
/// Logs of running applications (<c>.inprogress</c>) are skipped unless <paramref name="includeInProgress"/>.
/// </summary>
public sealed class SparkEventLogSource(IFileTree tree, bool includeInProgress) : ICrawlSource
{
    public string Description => $"Spark event logs under {tree.Location}";

    public async IAsyncEnumerable<CrawlItem> CrawlAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Rolling logs are folders, so the whole listing is grouped before reading.
        var files = new List<TreeFile>();
        await foreach (var entry in tree.ListAsync(cancellationToken))
        {
            if (entry is TreeFile file) files.Add(file);
            else if (entry is TreeProblem problem) yield return new SkippedItem(problem.Path, problem.Reason);
        }
        var (logs, problems) = EventLogFile.Group(files);
        foreach (var problem in problems)
            yield return new SkippedItem(problem.Path, problem.Reason);

        var datasets = new SparkAssets();
        foreach (var log in logs.OrderBy(l => l.Origin, StringComparer.Ordinal))
        {
            if (log.InProgress && !includeInProgress)
            {
                yield return new SkippedItem(log.Origin, "application still running (.inprogress); set backend.settings.include-inprogress: true to crawl it");
                continue;
            }
            var (application, problem) = await ReadAsync(log, cancellationToken);
            if (problem is not null)
            {
                yield return new SkippedItem(log.Origin, problem);
                continue;
            }
            datasets.Add(application!);
            yield return new FoundAsset(SparkAssets.Pipeline(application!), log.Origin);
        }
        foreach (var dataset in datasets.Datasets())
            yield return new FoundAsset(dataset, $"Spark SQL plans ({string.Join(", ", dataset.DependsOn.DefaultIfEmpty("read only"))})");
    }

    private async Task<(SparkApplication? Application, string? Problem)> ReadAsync(EventLogFile log, CancellationToken cancellationToken)
    {
        try
        {
            return (await EventLogReader.ReadAsync(tree, log, cancellationToken), null);
        }
        catch (EventLogException e)
        {
            return (null, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"cannot read: {e.Message}");
        }
    }

    public ValueTask DisposeAsync() => tree.DisposeAsync();
}
