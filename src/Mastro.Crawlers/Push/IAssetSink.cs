using Mastro.Core.Model;

namespace Mastro.Crawlers.Push;

/// <summary>Where crawled assets go: the catalogue over HTTP, or a store directly.</summary>
public interface IAssetSink : IAsyncDisposable
{
    /// <summary>Where assets go, for logs; never contains secrets.</summary>
    string Description { get; }

    /// <summary>
    /// Upserts one batch. Transient failures are retried inside; the result says what was stored and, per failed
    /// asset, why. Never throws for a catalogue problem (only for cancellation).
    /// </summary>
    Task<SendResult> SendAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken);

    /// <summary>Every asset currently labelled <c>crawler = <paramref name="crawlerName"/></c>, page by page.</summary>
    IAsyncEnumerable<Asset> FindByCrawlerAsync(string crawlerName, CancellationToken cancellationToken);
}

/// <summary>The outcome of one batch: how many were stored and which failed with what reason.</summary>
public sealed record SendResult(int Sent, IReadOnlyList<SendFailure> Failures)
{
    public static SendResult AllSent(int count) => new(count, []);

    public static SendResult AllFailed(IReadOnlyList<Asset> assets, string reason) =>
        new(0, assets.Select(a => new SendFailure(a.Name, reason)).ToList());
}

public sealed record SendFailure(string AssetName, string Reason);

/// <summary>A failure that retrying the same request cannot fix (4xx, validation).</summary>
public sealed class PermanentSendException(string message) : Exception(message);
