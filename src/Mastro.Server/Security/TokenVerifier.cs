using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Mastro.Core.Config;
using Mastro.Core.Security;
using Mastro.Core.Storage;

namespace Mastro.Server.Security;

/// <summary>
/// Turns a presented bearer token into a <see cref="Caller"/>: the bootstrap admin token, or an issued token whose
/// secret matches its stored hash and which is not revoked.
/// </summary>
/// <remarks>
/// Verified tokens are remembered for <see cref="CacheDuration"/>, so a busy client costs one store read every few
/// seconds rather than one per request. A revocation (made by <c>mastro token revoke</c>, possibly in another
/// process) therefore takes effect within that time. Failures are never cached: a token is re-checked until valid.
/// </remarks>
internal sealed class TokenVerifier(IMastroStore store, ServerSettings settings, TimeProvider clock)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(5);

    /// <summary>Far more than the tokens any deployment has; the cache is emptied when it grows past this.</summary>
    private const int MaxCachedTokens = 10_000;

    // Keyed by a hash of the presented text, so the cache never holds a token in the clear.
    private readonly ConcurrentDictionary<string, (Caller Caller, DateTimeOffset Until)> _verified = new(StringComparer.Ordinal);

    public async Task<Caller?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (settings.Security.AdminToken?.Matches(presented) == true)
            return Caller.BootstrapAdmin;
        if (!TokenSecrets.TryParse(presented, out var id, out var secret))
            return null;

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
        var now = clock.GetUtcNow();
        if (_verified.TryGetValue(key, out var cached) && cached.Until > now)
            return cached.Caller;

        var stored = await store.Tokens.FindAsync(id, cancellationToken);
        if (stored is null || stored.IsRevoked || !TokenSecrets.Verify(stored, secret))
        {
            _verified.TryRemove(key, out _);
            return null;
        }
        if (_verified.Count >= MaxCachedTokens)
            _verified.Clear();
        var caller = new Caller(stored.Name, stored.Id, stored.Role);
        _verified[key] = (caller, now + CacheDuration);
        return caller;
    }
}
