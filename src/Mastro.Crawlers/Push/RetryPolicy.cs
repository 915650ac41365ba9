using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Mastro.Crawlers.Push;

/// <summary>How hard a sink tries: a timeout per attempt, then exponential backoff with jitter between attempts.</summary>
public sealed record RetryPolicy(TimeSpan Timeout, int Retries, TimeSpan FirstDelay)
{
    public ResiliencePipeline Build(ILogger logger, string target)
    {
        var builder = new ResiliencePipelineBuilder();
        if (Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<TransientSendException>().Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = Retries,
                Delay = FirstDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = retry =>
                {
                    logger.LogWarning("{Target}: attempt {Attempt} failed ({Reason}); retrying in {Delay}",
                        target, retry.AttemptNumber + 1, retry.Outcome.Exception?.Message, retry.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }
        return builder.AddTimeout(Timeout).Build();
    }
}
