using Mastro.Core.Security;
using Mastro.Core.Storage;

namespace Mastro.Server.Security;

/// <summary>
/// Appends audit entries with group commit: the entries of requests finishing while a batch is written share the
/// next batch's transaction, so concurrent writes do not each pay a commit (an fsync on SQLite) for their entry.
/// </summary>
internal sealed class AuditWriter
{
    /// <summary>Bounds one transaction; a burst larger than this simply takes several.</summary>
    private const int MaxBatch = 256;

    private readonly GroupCommit<AuditEntry> _batches;

    public AuditWriter(IMastroStore store) =>
        _batches = new GroupCommit<AuditEntry>(async batch =>
        {
            // One batch holds several requests' entries: none of their tokens may cancel the others' write.
            await store.Audit.AppendAsync([.. batch.Select(entry => entry.Item)], CancellationToken.None);
            foreach (var entry in batch)
                entry.Succeed();
        }, MaxBatch);

    /// <summary>Returns once the entry's batch has committed.</summary>
    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        _batches.SubmitAsync(entry, cancellationToken);
}
