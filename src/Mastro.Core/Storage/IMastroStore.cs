using Mastro.Core.Lineage;
using Mastro.Core.Model;

namespace Mastro.Core.Storage;

/// <summary>One storage backend (SQLite or PostgreSQL) holding every kind of item.</summary>
public interface IMastroStore : IAsyncDisposable
{
    /// <summary>Short backend name for logs and metrics, e.g. <c>sqlite</c>.</summary>
    string Backend { get; }

    IAssetStore Assets { get; }
    IVersionedSetStore<FeatureSet> FeatureSets { get; }
    IVersionedSetStore<MetricSet> MetricSets { get; }
    ITokenStore Tokens { get; }
    IAuditLog Audit { get; }

    /// <summary>OpenLineage events, runs, aliases and column lineage; the graph queries over <c>depends-on</c>.</summary>
    ILineageStore Lineage { get; }

    /// <summary>Applies pending schema migrations; safe to call from several replicas at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Throws <see cref="StoreUnavailableException"/> when the store cannot answer a trivial query.</summary>
    Task PingAsync(CancellationToken cancellationToken);
}
