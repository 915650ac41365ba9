namespace Mastro.Core.Config;

/// <summary>Everything a server process needs, from a config file or from <c>mastro serve</c>'s defaults.</summary>
public sealed record ServerSettings
{
    public const int DefaultPort = 8085;
    public const long DefaultMaxBodyBytes = 16 * 1024 * 1024;
    public const int DefaultMaxBulkItems = 10_000;
    public const int DefaultLineageRetentionDays = 30;

    /// <summary>Longer retentions are kept forever in practice; the cap keeps the value a valid <see cref="TimeSpan"/>.</summary>
    private const long MaxLineageRetentionDays = 36_500;

    /// <summary>The server roles this process serves: a subset of catalogue, featurestore, metricstore.</summary>
    public required IReadOnlySet<string> Roles { get; init; }
    public required string Address { get; init; }
    public required int Port { get; init; }
    public required StoreSettings Store { get; init; }
    public long MaxBodyBytes { get; init; } = DefaultMaxBodyBytes;
    public int MaxBulkItems { get; init; } = DefaultMaxBulkItems;

    /// <summary>How long startup waits for an unreachable store before giving up (<c>details.store-wait-seconds</c>).</summary>
    public TimeSpan StoreWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long raw OpenLineage events and runs are kept (<c>details.lineage-retention-days</c>); assets and the
    /// current lineage (depends-on, aliases, column lineage) are kept regardless.
    /// </summary>
    public TimeSpan LineageRetention { get; init; } = TimeSpan.FromDays(DefaultLineageRetentionDays);

    /// <summary>Authentication, CORS, rate limiting and TLS (<c>details.auth</c>, <c>details.cors-origins</c>…).</summary>
    public SecuritySettings Security { get; init; } = SecuritySettings.Default;

    /// <summary>
    /// Whether requests need a token: as <c>details.auth</c> says, else only when listening beyond loopback —
    /// so <c>mastro serve</c> on 127.0.0.1 may run open for a first try, and nothing reachable from outside does by accident.
    /// </summary>
    public bool RequiresAuth => Security.Auth switch
    {
        AuthMode.Required => true,
        AuthMode.Disabled => false,
        _ => !ListensOnLoopbackOnly,
    };

    public bool ListensOnLoopbackOnly =>
        Address == "localhost" || (System.Net.IPAddress.TryParse(Address, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    public bool Serves(string role) => Roles.Contains(role);

    private static readonly IReadOnlySet<string> AllRoles =
        new HashSet<string> { MastroConfig.Catalogue, MastroConfig.FeatureStore, MastroConfig.MetricStore };

    /// <summary>The embedded default: every role, SQLite under <paramref name="dataDirectory"/>, loopback only.</summary>
    public static ServerSettings Embedded(string dataDirectory) => new()
    {
        Roles = AllRoles,
        Address = "127.0.0.1",
        Port = DefaultPort,
        Store = new SqliteStoreSettings(Path.Combine(dataDirectory, "mastro.db")),
    };

    /// <summary>Reads a server config. Like the original, it listens on every interface unless <c>details.address</c> says otherwise.</summary>
    public static ServerSettings From(MastroConfig config)
    {
        var roles = config.Type switch
        {
            MastroConfig.All => AllRoles,
            MastroConfig.Catalogue or MastroConfig.FeatureStore or MastroConfig.MetricStore => new HashSet<string> { config.Type },
            MastroConfig.Crawler => throw new ConfigException("type: 'crawler' is not a server role; run it with `mastro crawl --config …` (or `mastro --config …`)"),
            _ => throw new ConfigException($"type: unknown type '{config.Type}' (expected one of: {string.Join(", ", [.. MastroConfig.ServerTypes, MastroConfig.Crawler])})"),
        };
        var port = Detail(config, "port")
            ?? throw new ConfigException("details.port: missing (the port to listen on, conventionally 8085)");
        return new ServerSettings
        {
            Roles = roles,
            Address = Detail(config, "address") ?? "0.0.0.0",
            Port = int.TryParse(port, out var p) && p is > 0 and < 65536
                ? p
                : throw new ConfigException($"details.port: '{port}' is not a port number (1-65535)"),
            Store = StoreSettings.From(config.Backend),
            MaxBodyBytes = PositiveNumber(config, "max-body-bytes", DefaultMaxBodyBytes),
            MaxBulkItems = (int)Math.Min(int.MaxValue, PositiveNumber(config, "max-bulk-items", DefaultMaxBulkItems)),
            StoreWait = TimeSpan.FromSeconds(PositiveNumber(config, "store-wait-seconds", 30)),
            LineageRetention = TimeSpan.FromDays(
                Math.Min(PositiveNumber(config, "lineage-retention-days", DefaultLineageRetentionDays), MaxLineageRetentionDays)),
            Security = SecuritySettings.From(key => Detail(config, key)),
        };
    }

    private static string? Detail(MastroConfig config, string key) =>
        config.Details.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static long PositiveNumber(MastroConfig config, string key, long fallback) =>
        Detail(config, key) switch
        {
            null => fallback,
            var text when long.TryParse(text, out var n) && n > 0 => n,
            var text => throw new ConfigException($"details.{key}: '{text}' is not a positive whole number"),
        };
}
