using Mastro.Core.Model;
using Mastro.Core.Security;

namespace Mastro.Core.Storage;

/// <summary>The audit log: append-only, read newest first.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries matching <paramref name="query"/>, newest first.</summary>
    Task<Page<AuditEntry>> QueryAsync(AuditQuery query, PageRequest page, CancellationToken cancellationToken);
}
