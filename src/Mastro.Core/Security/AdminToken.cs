using System.Security.Cryptography;
using System.Text;

namespace Mastro.Core.Security;

/// <summary>
/// The bootstrap admin token from the <c>MASTRO_ADMIN_TOKEN</c> environment variable (e.g. a Kubernetes Secret):
/// a way in before any token exists. It is never stored and never printed: <see cref="ToString"/> hides it.
/// </summary>
public sealed class AdminToken
{
    public const string EnvironmentVariable = "MASTRO_ADMIN_TOKEN";

    /// <summary>The actor name audit entries show for requests made with this token.</summary>
    public const string ActorName = "bootstrap-admin";

    /// <summary>Shorter values are refused: this token grants everything, so it must be as hard to guess as an issued one.</summary>
    public const int MinimumLength = 32;

    // Only a hash is kept, so comparing never depends on the length or content of the real value.
    private readonly byte[] _hash;

    private AdminToken(string value) => _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));

    /// <summary>The token from the environment, or null when the variable is unset or empty.</summary>
    /// <exception cref="Config.ConfigException">The value is too short.</exception>
    public static AdminToken? FromEnvironment(Func<string, string?> environment)
    {
        var value = environment(EnvironmentVariable);
        if (string.IsNullOrEmpty(value)) return null;
        if (value.Trim().Length < MinimumLength)
            throw new Config.ConfigException(
                $"{EnvironmentVariable}: too short; use at least {MinimumLength} random characters (e.g. `openssl rand -base64 32`)");
        return new AdminToken(value.Trim());
    }

    /// <summary>Constant-time comparison of a presented bearer token with this one.</summary>
    public bool Matches(string presented) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _hash);

    public override string ToString() => $"{EnvironmentVariable} (hidden)";
}
