namespace Mastro.Core.Config;

/// <summary>
/// A Mastro YAML config in the original's format (the seed's Kubernetes ConfigMaps):
/// <c>type</c>, <c>details</c>, <c>backend.{name,type,settings,crawler,kerberos,tls}</c>.
/// Every string value has had its <c>${ENV_VAR}</c> references expanded.
/// </summary>
public sealed record MastroConfig(
    string Type,
    IReadOnlyDictionary<string, string> Details,
    BackendConfig Backend,
    string? SourcePath)
{
    public const string Catalogue = "catalogue";
    public const string FeatureStore = "featurestore";
    public const string MetricStore = "metricstore";
    public const string Crawler = "crawler";

    /// <summary>Mastro's own addition: every server role in one process (what <c>mastro serve</c> runs without a config).</summary>
    public const string All = "all";

    public static readonly IReadOnlyList<string> ServerTypes = [Catalogue, FeatureStore, MetricStore, All];
}

public sealed record BackendConfig(
    string Name,
    string Type,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyDictionary<string, string> Crawler,
    IReadOnlyDictionary<string, string> Kerberos,
    IReadOnlyDictionary<string, string> Tls)
{
    public static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>A setting's value, or null when absent or blank.</summary>
    public string? Setting(string key) =>
        Settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
