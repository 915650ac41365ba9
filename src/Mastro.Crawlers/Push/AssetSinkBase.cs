using Mastro.Core.Model;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;

namespace Mastro.Crawlers.Push;

/// <summary>
/// Retries and failure isolation shared by every sink. A batch that fails for good (4xx, validation) is re-sent one
/// asset at a time, so one bad asset does not take its whole batch down and every failure names its asset.
/// </summary>
public abstract class AssetSinkBase : IAssetSink
{
    private readonly ResiliencePipeline _pipeline;

    protected AssetSinkBase(RetryPolicy policy, ILogger logger, string description)
    {
        Description = description;
        _pipeline = policy.Build(logger, description);
    }

    public string Description { get; }

    /// <summary>
    /// One attempt; returns the names of the assets stored (all of them unless <paramref name="ifUnchanged"/>).
    /// Throws <see cref="TransientSendException"/> (retried) or <see cref="PermanentSendException"/>.
    /// </summary>
    protected abstract Task<IReadOnlySet<string>> UpsertAsync(IReadOnlyList<Asset> assets, bool ifUnchanged, CancellationToken cancellationToken);

    public abstract IAsyncEnumerable<Asset> FindByCrawlerAsync(string crawlerName, CancellationToken cancellationToken);

    public Task<SendResult> SendAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken) =>
        SendAsync(assets, ifUnchanged: false, cancellationToken);

    public Task<SendResult> SendUnchangedAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken) =>
        SendAsync(assets, ifUnchanged: true, cancellationToken);

    /// <summary>The names of every asset of a batch, for sinks whose write stores all or fails.</summary>
    protected static IReadOnlySet<string> Names(IEnumerable<Asset> assets) => assets.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

    private async Task<SendResult> SendAsync(IReadOnlyList<Asset> assets, bool ifUnchanged, CancellationToken cancellationToken)
    {
        if (assets.Count == 0) return SendResult.AllSent(0);
        var (stored, failure) = await TryAsync(assets, ifUnchanged, cancellationToken);
        return failure switch
        {
            null => SendResult.Stored(assets, stored!),
            { Permanent: true } when assets.Count > 1 => await SendOneByOneAsync(assets, ifUnchanged, cancellationToken),
            _ => SendResult.AllFailed(assets, failure.Value.Reason),
        };
    }

    private async Task<SendResult> SendOneByOneAsync(IReadOnlyList<Asset> assets, bool ifUnchanged, CancellationToken cancellationToken)
    {
        var sent = 0;
        var failures = new List<SendFailure>();
        var skipped = new List<string>();
        foreach (var asset in assets)
        {
            var (stored, failure) = await TryAsync([asset], ifUnchanged, cancellationToken);
            if (failure is { } reason)
                failures.Add(new SendFailure(asset.Name, reason.Reason));
            else if (stored!.Contains(asset.Name))
                sent++;
            else
                skipped.Add(asset.Name);
        }
        return new SendResult(sent, failures) { Skipped = skipped };
    }

    private async Task<(IReadOnlySet<string>? Stored, (bool Permanent, string Reason)? Failure)> TryAsync(
        IReadOnlyList<Asset> assets, bool ifUnchanged, CancellationToken cancellationToken)
    {
        try
        {
            return (await _pipeline.ExecuteAsync(async token => await UpsertAsync(assets, ifUnchanged, token), cancellationToken), null);
        }
        catch (PermanentSendException e)
        {
            return (null, (true, e.Message));
        }
        catch (TransientSendException e)
        {
            return (null, (false, $"{e.Message} (gave up after retries)"));
        }
        catch (TimeoutRejectedException e)
        {
            return (null, (false, $"timed out after {e.Timeout} (gave up after retries)"));
        }
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
