using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mastro.Core.Security;

/// <summary>
/// Makes and checks API tokens: <c>mastro_&lt;id&gt;_&lt;secret&gt;</c>, where the id (8 random bytes, hex) finds the
/// stored token and the secret (32 random bytes, base64url) proves possession.
/// </summary>
/// <remarks>
/// The store keeps HMAC-SHA256(key: a random 16-byte salt, message: the secret), never the secret. A slow password
/// KDF (PBKDF2, bcrypt, Argon2) exists to make guessing low-entropy human passwords expensive; these secrets carry
/// 256 bits from <see cref="RandomNumberGenerator"/>, which no amount of guessing can search, so one fast keyed hash is
/// as safe here and keeps verification cheap on every request. Hashes are compared in constant time.
/// </remarks>
public static class TokenSecrets
{
    public const string Prefix = "mastro";
    private const int IdBytes = 8;
    private const int SecretBytes = 32;
    private const int SaltBytes = 16;

    public static IssuedToken Issue(string name, Role role, DateTimeOffset createdAt)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var stored = new StoredToken(id, name, role, salt, Hash(salt, secret), createdAt, RevokedAt: null);
        return new IssuedToken(stored, $"{Prefix}_{id}_{secret}");
    }

    /// <summary>Splits a presented token into id and secret; false when it does not have Mastro's token shape.</summary>
    public static bool TryParse(string presented, out string id, out string secret)
    {
        id = secret = "";
        // The secret is base64url, which may itself contain '_': only the first two separators count.
        var parts = presented.Split('_', 3);
        if (parts.Length != 3 || parts[0] != Prefix || parts[1].Length != IdBytes * 2 || !parts[1].All(char.IsAsciiHexDigitLower)
            || parts[2].Length == 0)
            return false;
        (id, secret) = (parts[1], parts[2]);
        return true;
    }

    /// <summary>True when <paramref name="secret"/> is the one <paramref name="stored"/> was issued with.</summary>
    public static bool Verify(StoredToken stored, string secret) =>
        CryptographicOperations.FixedTimeEquals(Hash(stored.Salt, secret), stored.Hash);

    private static byte[] Hash(byte[] salt, string secret) => HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(secret));
}
