using System.Runtime.CompilerServices;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Manifests;

/// <summary>
/// The <c>local</c> and <c>s3</c> crawlers: every file in the tree whose base name passes the filter is a manifest.
/// A broken manifest is skipped with its path and reason; the others still go through.
/// </summary>
/// <remarks>
/// Manifests are read and parsed on the thread pool while the tree is still being listed, a few per core at a time
/// (a parse is CPU-bound, an S3 read mostly waiting); their items still come out in listing order, so every run
/// reports the same thing, duplicates included.
/// </remarks>
public sealed class ManifestSource(IFileTree tree, NameFilter filter) : ICrawlSource
{
    /// <summary>A few per core keeps the cores busy while some reads wait; at most 16 bounds the memory of manifests near the size limit.</summary>
    private static readonly int MaxInFlight = Math.Min(4 * Environment.ProcessorCount, 16);

    public string Description => $"manifests '{filter}' under {tree.Location}";

    public async IAsyncEnumerable<CrawlItem> CrawlAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var inFlight = new Queue<Task<IReadOnlyList<CrawlItem>>>();
        try
        {
            await foreach (var entry in tree.ListAsync(cancellationToken))
            {
                switch (entry)
                {
                    case TreeProblem problem:
                        inFlight.Enqueue(Task.FromResult<IReadOnlyList<CrawlItem>>([new SkippedItem(problem.Path, problem.Reason)]));
                        break;
                    case TreeFile file when filter.Matches(file.Name):
                        inFlight.Enqueue(Task.Run(() => ReadAsync(file, stop.Token), stop.Token));
                        break;
                    default:
                        continue;
                }
                while (inFlight.Count > MaxInFlight)
                    foreach (var item in await inFlight.Dequeue())
                        yield return item;
            }
            while (inFlight.Count > 0)
                foreach (var item in await inFlight.Dequeue())
                    yield return item;
        }
        finally
        {
            // The consumer stopped early (an error, a shutdown): no read is left running unobserved.
            await stop.CancelAsync();
            await ((Task)Task.WhenAll(inFlight)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<IReadOnlyList<CrawlItem>> ReadAsync(TreeFile file, CancellationToken cancellationToken)
    {
        ManifestReader.Result result;
        try
        {
            await using var stream = await tree.OpenReadAsync(file, cancellationToken);
            result = await ManifestReader.ReadAsync(stream, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [new SkippedItem(file.Path, $"cannot read: {e.Message}")];
        }
        if (result.Error is not null)
            return [new SkippedItem(file.Path, result.Error)];
        return result.Assets.Count == 1
            ? [new FoundAsset(result.Assets[0], file.Path)]
            : result.Assets.Select((asset, i) => (CrawlItem)new FoundAsset(asset, $"{file.Path}#{i + 1}")).ToList();
    }

    public ValueTask DisposeAsync() => tree.DisposeAsync();
}
