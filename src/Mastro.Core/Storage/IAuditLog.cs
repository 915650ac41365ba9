using Mastro.Core.Model;
using Mastro.Core.Security;

namespace Mastro.Core.Storage;

/// <summary>The audit log: append-only, read newest first.</summary>
public interface IAuditLog
{
    /// <summary>Appends the entries in one transaction, in order.</summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    Task<Page<AuditEntry>> QueryAsync(AuditQuery query, PageRequest page, CancellationToken cancellationToken);
}
