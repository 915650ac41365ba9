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

    /// <summary>One attempt. Throws <see cref="TransientSendException"/> (retried) or <see cref="PermanentSendException"/>.</summary>
    protected abstract Task UpsertAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken);

    public abstract IAsyncEnumerable<Asset> FindByCrawlerAsync(string crawlerName, CancellationToken cancellationToken);

    public async Task<SendResult> SendAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        if (assets.Count == 0) return SendResult.AllSent(0);
        var failure = await TryAsync(assets, cancellationToken);
        return failure switch
        {
            null => SendResult.AllSent(assets.Count),
            { Permanent: true } when assets.Count > 1 => await SendOneByOneAsync(assets, cancellationToken),
            _ => SendResult.AllFailed(assets, failure.Value.Reason),
        };
    }

    private async Task<SendResult> SendOneByOneAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        var sent = 0;
        var failures = new List<SendFailure>();
        foreach (var asset in assets)
        {
            if (await TryAsync([asset], cancellationToken) is { } failure)
                failures.Add(new SendFailure(asset.Name, failure.Reason));
            else
                sent++;
        }
        return new SendResult(sent, failures);
    }

    private async Task<(bool Permanent, string Reason)?> TryAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken)
    {
        try
        {
            await _pipeline.ExecuteAsync(async token => await UpsertAsync(assets, token), cancellationToken);
            return null;
        }
        catch (PermanentSendException e)
        {
            return (true, e.Message);
        }
        catch (TransientSendException e)
        {
            return (false, $"{e.Message} (gave up after retries)");
        }
        catch (TimeoutRejectedException e)
        {
            return (false, $"timed out after {e.Timeout} (gave up after retries)");
        }
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
