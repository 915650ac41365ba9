using Mastro.Core.Model;
using Mastro.Core.Validation;
using Mastro.Crawlers.Push;
using Mastro.Crawlers.Sources;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Running;

/// <summary>
/// One crawl: streams the source, validates and stamps each asset (<c>crawler</c> label), sends full batches,
/// counts everything, and on a complete, clean run marks what this crawler no longer finds as stale.
/// A shutdown request stops the walk, sends what was already collected (within <see cref="ShutdownGrace"/>)
/// and ends the run as cancelled.
/// </summary>
public sealed class CrawlRunner(
    string crawlerName, int batchSize, bool markStale, IAssetSink sink, TimeProvider clock, ILogger logger)
{
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    private readonly string _crawlerName = crawlerName;
    private readonly int _batchSize = batchSize;
    private readonly IAssetSink _sink = sink;
    private readonly ILogger _logger = logger;

    public async Task<CrawlReport> RunAsync(ICrawlSource source, IProgress<CrawlProgress>? progress, CancellationToken stopToken)
    {
        var started = clock.GetUtcNow();
        using var sending = new CancellationTokenSource();
        await using var graceOnStop = stopToken.Register(() => sending.CancelAfter(ShutdownGrace));
        var run = new Run(this, progress, sending.Token);
        _logger.LogInformation("crawl {Crawler} started: {Source} → {Sink}", _crawlerName, source.Description, _sink.Description);

        string? error = null;
        var cancelled = false;
        try
        {
            await foreach (var item in source.CrawlAsync(stopToken))
                await run.AddAsync(item);
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = $"{source.Description}: {e.Message}";
            _logger.LogError(e, "crawl {Crawler} failed: {Error}", _crawlerName, error);
        }

        try
        {
            await run.FlushAsync();
        }
        catch (OperationCanceledException) when (stopToken.IsCancellationRequested)
        {
            cancelled = true;
        }

        var report = run.Report(started, clock.GetUtcNow(), error, cancelled || stopToken.IsCancellationRequested);
        if (report.Succeeded && markStale)
            report = await MarkStaleAsync(report, run.SentNames, sending.Token);
        return report;
    }

    private async Task<CrawlReport> MarkStaleAsync(CrawlReport report, IReadOnlySet<string> found, CancellationToken cancellationToken)
    {
        try
        {
            var marked = await new StaleMarker(_sink, _crawlerName, _batchSize, _logger).MarkAsync(found, cancellationToken);
            return report with { MarkedStale = marked };
        }
        catch (Exception e)
        {
            // The crawl itself went through; an unfinished marking (also by shutdown) is reported, not fatal.
            _logger.LogError(e, "crawl {Crawler}: stale marking failed: {Error}", _crawlerName, e.Message);
            return report with { StaleError = e.Message };
        }
    }

    /// <summary>The mutable state of one run.</summary>
    private sealed class Run(CrawlRunner owner, IProgress<CrawlProgress>? progress, CancellationToken sendToken)
    {
        private readonly List<FoundAsset> _batch = [];
        private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);
        private readonly HashSet<string> _sent = new(StringComparer.Ordinal);
        private readonly List<SkippedItem> _skipped = [];
        private readonly List<SendFailure> _failed = [];
        private int _found;

        public IReadOnlySet<string> SentNames => _sent;

        public async Task AddAsync(CrawlItem item)
        {
            switch (item)
            {
                case SkippedItem skip:
                    Skip(skip);
                    break;
                case FoundAsset found:
                    _found++;
                    Accept(found);
                    if (_batch.Count >= owner._batchSize)
                        await FlushAsync();
                    break;
            }
            progress?.Report(new CrawlProgress(_found, _sent.Count, _skipped.Count, _failed.Count));
        }

        private void Accept(FoundAsset found)
        {
            var asset = CrawlerLabels.Stamp(found.Asset.WithEmptyCollectionsForNulls(), owner._crawlerName);
            var problems = AssetValidator.Problems(asset);
            if (problems.Count > 0)
            {
                Skip(new SkippedItem(found.Origin, $"invalid asset: {string.Join("; ", problems)}"));
                return;
            }
            // The catalogue would silently keep only the last of two assets with one name.
            if (!_origins.TryAdd(asset.Name, found.Origin))
            {
                Skip(new SkippedItem(found.Origin, $"duplicate asset name '{asset.Name}' (first found at {_origins[asset.Name]})"));
                return;
            }
            _batch.Add(found with { Asset = asset });
        }

        private void Skip(SkippedItem skip)
        {
            _skipped.Add(skip);
            owner._logger.LogWarning("crawl {Crawler}: skipped {Origin}: {Reason}", owner._crawlerName, skip.Origin, skip.Reason);
        }

        public async Task FlushAsync()
        {
            if (_batch.Count == 0) return;
            var assets = _batch.Select(f => f.Asset).ToList();
            _batch.Clear();
            SendResult result;
            try
            {
                result = await owner._sink.SendAsync(assets, sendToken);
            }
            catch (OperationCanceledException)
            {
                // Shutdown outlasted the grace period: these were found but never stored, and say so.
                _failed.AddRange(assets.Select(a => new SendFailure(a.Name, "not sent: the crawler was stopped")));
                throw;
            }
            var failedNames = result.Failures.Select(f => f.AssetName).ToHashSet(StringComparer.Ordinal);
            foreach (var asset in assets.Where(a => !failedNames.Contains(a.Name)))
                _sent.Add(asset.Name);
            foreach (var failure in result.Failures)
            {
                _failed.Add(failure);
                owner._logger.LogError("crawl {Crawler}: asset {Asset} not stored: {Reason}", owner._crawlerName, failure.AssetName, failure.Reason);
            }
            owner._logger.LogInformation("crawl {Crawler}: batch of {Count} sent ({Sent} stored, {Failed} failed; {Total} stored so far)",
                owner._crawlerName, assets.Count, result.Sent, result.Failures.Count, _sent.Count);
            progress?.Report(new CrawlProgress(_found, _sent.Count, _skipped.Count, _failed.Count));
        }

        public CrawlReport Report(DateTimeOffset started, DateTimeOffset finished, string? error, bool cancelled) => new()
        {
            Crawler = owner._crawlerName,
            StartedAt = started,
            FinishedAt = finished,
            Found = _found,
            Sent = _sent.Count,
            Skipped = _skipped.ToList(),
            Failed = _failed.ToList(),
            Error = error,
            Cancelled = cancelled,
        };
    }
}
