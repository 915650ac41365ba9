using Mastro.Core.Config;
using Mastro.Crawlers.Scheduling;

namespace Mastro.Crawlers.Config;

/// <summary>
/// A crawler config (<c>type: crawler</c>): the source (<c>backend.type</c> + <c>backend.settings</c>), what to crawl
/// (<c>backend.crawler.root</c>, <c>filter-filename</c>), where assets go (<c>catalogue-endpoint</c>, or a store in
/// direct mode), when (schedule keys) and how hard to try (batch size, timeout, retries).
/// </summary>
public sealed record CrawlerSettings
{
    public const int DefaultBatchSize = 100;
    public const int MaxBatchSize = 10_000;
    public const string DefaultFilter = "MANIFEST.yaml";
    public const string StorePrefix = "store-";

    /// <summary>Labels every crawled asset (<c>crawler</c> label) and scopes stale marking: <c>backend.name</c>, else the source type.</summary>
    public required string Name { get; init; }
    public required string SourceType { get; init; }
    public required string Root { get; init; }
    public required NameFilter Filter { get; init; }

    /// <summary>Where batches are PUT, always ending in <c>/assets/</c>. Null in direct mode.</summary>
    public Uri? CatalogueEndpoint { get; init; }

    /// <summary>
    /// Bearer token sent to the catalogue (<c>catalogue-token</c>, normally <c>${MASTRO_CATALOGUE_TOKEN}</c> from a
    /// Secret); null when the catalogue runs without authentication. Never logged.
    /// </summary>
    public string? CatalogueToken { get; init; }

    /// <summary>The store written to in direct mode (<c>store-type</c> + <c>store-*</c> keys). Null in HTTP mode.</summary>
    public StoreSettings? DirectStore { get; init; }

    /// <summary>Null: one run, then exit.</summary>
    public ICrawlSchedule? Schedule { get; init; }

    public int BatchSize { get; init; } = DefaultBatchSize;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
    public int Retries { get; init; } = 5;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);
    public bool MarkStale { get; init; } = true;

    /// <summary>The whole backend block, for source-specific <c>settings</c>.</summary>
    public required BackendConfig Backend { get; init; }

    public static CrawlerSettings From(MastroConfig config, DateTimeOffset now)
    {
        if (config.Type != MastroConfig.Crawler)
            throw new ConfigException($"type: '{config.Type}' is not a crawler config (expected type: crawler)");
        var backend = config.Backend;
        var sourceType = SourceTypes.Check(backend.Type);
        var crawler = new ConfigValues(backend.Crawler, "backend.crawler");
        var (endpoint, store) = Target(crawler);
        return new CrawlerSettings
        {
            Name = string.IsNullOrWhiteSpace(backend.Name) ? sourceType : backend.Name.Trim(),
            SourceType = sourceType,
            Root = crawler.Text("root") ?? "",
            Filter = NameFilter.Parse(crawler.Text("filter-filename") ?? DefaultFilter, crawler.Key("filter-filename")),
            CatalogueEndpoint = endpoint,
            CatalogueToken = crawler.Text("catalogue-token"),
            DirectStore = store,
            Schedule = ScheduleParser.Parse(crawler, now),
            BatchSize = crawler.PositiveInt("batch-size", DefaultBatchSize, MaxBatchSize),
            Timeout = crawler.Duration("timeout", TimeSpan.FromSeconds(30)),
            Retries = crawler.NonNegativeInt("retries", 5),
            RetryDelay = crawler.Duration("retry-delay", TimeSpan.FromSeconds(1)),
            MarkStale = crawler.Bool("mark-stale", true),
            Backend = backend,
        };
    }

    private static (Uri? Endpoint, StoreSettings? Store) Target(ConfigValues crawler)
    {
        var endpoint = crawler.Text("catalogue-endpoint");
        var storeType = crawler.Text(StorePrefix + "type");
        return (endpoint, storeType) switch
        {
            (not null, not null) => throw new ConfigException(
                $"{crawler.Key("catalogue-endpoint")}: set either catalogue-endpoint (HTTP) or store-type (direct mode), not both"),
            (null, null) => throw new ConfigException(
                $"{crawler.Key("catalogue-endpoint")}: missing (the catalogue's assets URL, e.g. http://mastro-catalogue:8085/assets/; or store-type for direct mode)"),
            (not null, null) => (CatalogueEndpoints.Normalise(endpoint, crawler.Key("catalogue-endpoint")), null),
            _ => (null, DirectStoreSettings(crawler, storeType!)),
        };
    }

    /// <summary>
    /// Direct mode reuses the server's store settings: <c>store-type: postgres</c> with <c>store-host</c>,
    /// <c>store-password</c>… maps to <c>backend.type</c>/<c>backend.settings</c>, and errors name the crawler keys.
    /// </summary>
    private static StoreSettings DirectStoreSettings(ConfigValues crawler, string storeType)
    {
        var store = new BackendConfig("direct", storeType, crawler.WithPrefix(StorePrefix), BackendConfig.None, BackendConfig.None, BackendConfig.None);
        try
        {
            return StoreSettings.From(store);
        }
        catch (ConfigException e)
        {
            throw new ConfigException(e.Message
                .Replace("backend.settings.", crawler.Key(StorePrefix), StringComparison.Ordinal)
                .Replace("backend.type", crawler.Key(StorePrefix + "type"), StringComparison.Ordinal));
        }
    }
}
