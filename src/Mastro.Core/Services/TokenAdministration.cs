using Mastro.Core.Json;
using Mastro.Core.Security;
using Mastro.Core.Storage;
using Mastro.Core.Validation;

namespace Mastro.Core.Services;

/// <summary>Creating, listing and revoking API tokens (what <c>mastro token …</c> does).</summary>
public sealed class TokenAdministration(ITokenStore store, TimeProvider clock)
{
    public const int MaxNameLength = 64;

    /// <summary>Creates a token; the returned <see cref="IssuedToken.Text"/> is the only copy of the token there will ever be.</summary>
    /// <exception cref="ValidationFailedException">The name is not acceptable or an active token already has it.</exception>
    public async Task<IssuedToken> CreateAsync(string name, Role role, CancellationToken cancellationToken)
    {
        if (NameProblem(name) is { } problem)
            throw new ValidationFailedException([problem]);
        var issued = TokenSecrets.Issue(name, role, Timestamps.Truncate(clock.GetUtcNow()));
        if (!await store.CreateAsync(issued.Stored, cancellationToken))
            throw new ValidationFailedException([$"an active token named '{name}' already exists; revoke it first or choose another name"]);
        return issued;
    }

    public Task<IReadOnlyList<TokenInfo>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>Revokes the active token with this id (or else this name); null when there is none.</summary>
    public Task<TokenInfo?> RevokeAsync(string idOrName, CancellationToken cancellationToken) =>
        store.RevokeAsync(idOrName.Trim(), Timestamps.Truncate(clock.GetUtcNow()), cancellationToken);

    /// <summary>Names show up in logs and the audit log, so they are kept to short, plain words.</summary>
    private static string? NameProblem(string name) =>
        name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? $"token name '{name}' must be 1-{MaxNameLength} characters of letters, digits, '-', '_' and '.'"
            : null;
}
