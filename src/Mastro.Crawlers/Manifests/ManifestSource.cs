using System.Runtime.CompilerServices;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Manifests;

/// <summary>
/// The <c>local</c> and <c>s3</c> crawlers: every file in the tree whose base name passes the filter is a manifest.
/// A broken manifest is skipped with its path and reason; the others still go through.
/// </summary>
public sealed class ManifestSource(IFileTree tree, NameFilter filter) : ICrawlSource
{
    public string Description => $"manifests '{filter}' under {tree.Location}";

    public async IAsyncEnumerable<CrawlItem> CrawlAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in tree.ListAsync(cancellationToken))
        {
            switch (entry)
            {
                case TreeProblem problem:
                    yield return new SkippedItem(problem.Path, problem.Reason);
                    break;
                case TreeFile file when filter.Matches(file.Name):
                    foreach (var item in await ReadAsync(file, cancellationToken))
                        yield return item;
                    break;
            }
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
