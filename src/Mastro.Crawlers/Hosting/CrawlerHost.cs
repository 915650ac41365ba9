using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Push;
using Mastro.Crawlers.Running;
using Mastro.Crawlers.Scheduling;
using Mastro.Crawlers.Sources;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Hosting;

/// <summary>Opens the store of a direct-mode crawler (the CLI's store factory: opened and migrated).</summary>
public delegate Task<IMastroStore> StoreOpener(StoreSettings settings, CancellationToken cancellationToken);

/// <summary>
/// Runs a crawler as configured: once (a Kubernetes Job/CronJob: exit code 0 = success, 1 = failed run), or on its
/// schedule until stopped (a Deployment).
/// </summary>
public sealed class CrawlerHost(ILoggerFactory loggerFactory, ICrawlDisplay display, TimeProvider clock)
{
    public const int Success = 0;
    public const int RunFailed = 1;

    private readonly ILogger _logger = loggerFactory.CreateLogger("Mastro.Crawler");

    /// <exception cref="ConfigException">A setting is wrong; nothing was crawled.</exception>
    public async Task<int> RunAsync(CrawlerSettings settings, bool once, StoreOpener? openStore, CancellationToken stopToken)
    {
        var createSource = CrawlSourceFactory.Prepare(settings);
        await using var source = createSource();
        await using var sink = await CreateSinkAsync(settings, openStore, stopToken);
        var runner = new CrawlRunner(settings.Name, settings.BatchSize, settings.MarkStale, sink, clock, _logger);

        if (once || settings.Schedule is null)
        {
            var report = await RunOnceAsync(runner, source, stopToken);
            return report.Succeeded ? Success : RunFailed;
        }
        await new CrawlScheduler(settings.Schedule, clock, _logger)
            .RunAsync(token => RunOnceAsync(runner, source, token), stopToken);
        return Success;
    }

    private async Task<CrawlReport> RunOnceAsync(CrawlRunner runner, ICrawlSource source, CancellationToken stopToken)
    {
        var report = await display.ShowRunAsync(progress => runner.RunAsync(source, progress, stopToken));
        display.ShowReport(report);
        return report;
    }

    private async Task<IAssetSink> CreateSinkAsync(CrawlerSettings settings, StoreOpener? openStore, CancellationToken cancellationToken)
    {
        var policy = new RetryPolicy(settings.Timeout, settings.Retries, settings.RetryDelay);
        var logger = loggerFactory.CreateLogger("Mastro.Crawler.Push");
        if (settings.CatalogueEndpoint is { } endpoint)
            return new HttpAssetSink(endpoint, policy, logger, settings.CatalogueToken);
        if (openStore is null)
            throw new ConfigException("backend.crawler.store-type: direct mode is not available here (no store support)");
        var store = await openStore(settings.DirectStore!, cancellationToken);
        return new DirectAssetSink(store, clock, policy, logger);
    }
}
