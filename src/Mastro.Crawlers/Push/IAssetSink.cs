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

    /// <summary>
    /// As <see cref="SendAsync"/>, but the catalogue stores only the assets it still holds with the
    /// <c>last-discovered-at</c> they carry (<c>PUT /assets/?if-unchanged=true</c>): assets read, changed and sent
    /// back are not written over an edit, or brought back after a delete, made in between. Those are skipped.
    /// </summary>
    Task<SendResult> SendUnchangedAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken);

    /// <summary>Every asset currently labelled <c>crawler = <paramref name="crawlerName"/></c>, page by page.</summary>
    IAsyncEnumerable<Asset> FindByCrawlerAsync(string crawlerName, CancellationToken cancellationToken);
}

/// <summary>The outcome of one batch: how many were stored, which failed with what reason, and which were skipped as changed.</summary>
public sealed record SendResult(int Sent, IReadOnlyList<SendFailure> Failures)
{
    /// <summary>Assets a <see cref="IAssetSink.SendUnchangedAsync"/> left alone: changed or deleted since they were read.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    public static SendResult AllSent(int count) => new(count, []);

    /// <summary>The batch <paramref name="assets"/> of which the catalogue stored those named in <paramref name="stored"/>.</summary>
    public static SendResult Stored(IReadOnlyList<Asset> assets, IReadOnlySet<string> stored) =>
        new(assets.Count(a => stored.Contains(a.Name)), []) { Skipped = [.. assets.Where(a => !stored.Contains(a.Name)).Select(a => a.Name)] };

    public static SendResult AllFailed(IReadOnlyList<Asset> assets, string reason) =>
        new(0, assets.Select(a => new SendFailure(a.Name, reason)).ToList());
}

public sealed record SendFailure(string AssetName, string Reason);

/// <summary>A failure that retrying the same request cannot fix (4xx, validation).</summary>
public sealed class PermanentSendException(string message) : Exception(message);
