namespace Mastro.Core.Security;

/// <summary>
/// A token as the store keeps it: never the secret, only a random salt and the salted hash of the secret.
/// <see cref="Id"/> is the public part of the token text (<c>mastro_&lt;id&gt;_&lt;secret&gt;</c>), used to find it.
/// </summary>
public sealed record StoredToken(
    string Id,
    string Name,
    Role Role,
    byte[] Salt,
    byte[] Hash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;

    /// <summary>The token without its hash material, for listings.</summary>
    public TokenInfo Info => new(Id, Name, Role, CreatedAt, RevokedAt);
}

/// <summary>What may be shown about a token: everything but salt and hash.</summary>
public sealed record TokenInfo(string Id, string Name, Role Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A newly created token: what was stored, and the token text, which exists only here and is shown once.</summary>
public sealed record IssuedToken(StoredToken Stored, string Text)
{
    /// <summary>Never prints the token text (records print every property by default).</summary>
    public override string ToString() => $"IssuedToken {{ Id = {Stored.Id}, Name = {Stored.Name}, Role = {Stored.Role.Name()} }}";
}
