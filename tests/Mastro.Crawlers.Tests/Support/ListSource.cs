using System.Runtime.CompilerServices;
using Mastro.Core.Model;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Tests.Support;

/// <summary>A source yielding fixed items, for tests of the runner and sinks (the sources have their own tests).</summary>
public sealed class ListSource(IReadOnlyList<CrawlItem> items, TimeSpan? delayPerItem = null) : ICrawlSource
{
    public IReadOnlyList<CrawlItem> Items => items;

    public string Description => "test list";

    public static ListSource Of(params string[] names) =>
        new(names.Select(n => (CrawlItem)new FoundAsset(new Asset { Name = n, Type = "dataset" }, $"list:{n}")).ToList());

    public async IAsyncEnumerable<CrawlItem> CrawlAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            if (delayPerItem is { } delay) await Task.Delay(delay, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            yield return item;
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
