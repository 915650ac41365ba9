using Mastro.Core.Security;

namespace Mastro.Core.Storage;

/// <summary>API tokens (hashes only). At most one active (unrevoked) token has a given name.</summary>
public interface ITokenStore
{
    /// <summary>Stores a new token; false (and nothing stored) when an active token already has its name.</summary>
    Task<bool> CreateAsync(StoredToken token, CancellationToken cancellationToken);

    /// <summary>The token with this id, revoked or not, or null.</summary>
    Task<StoredToken?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every token, revoked ones included, oldest first.</summary>
    Task<IReadOnlyList<TokenInfo>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Revokes the active token whose id is <paramref name="idOrName"/>, or else the active token of that name.
    /// Returns it, or null when there is no such active token.
    /// </summary>
    Task<TokenInfo?> RevokeAsync(string idOrName, DateTimeOffset revokedAt, CancellationToken cancellationToken);
}
