using System.Text.RegularExpressions;
using Npgsql;

namespace Mastro.Deploy.Tests.Support;

/// <summary>Finds credentials written into a config or a container's env instead of coming from a Secret.</summary>
public static partial class Credentials
{
    [GeneratedRegex("password|secret|token|access-key|connection-string|credential", RegexOptions.IgnoreCase)]
    private static partial Regex Sensitive();

    /// <summary>
    /// Config keys and env variables with a credential-like name whose value does not come from a Secret.
    /// A config value counts as from a Secret when it is (only) a ${VAR} reference to a secretKeyRef variable;
    /// for a connection string, its Password part (none at all is fine: e.g. Kerberos).
    /// </summary>
    public static IEnumerable<string> NotFromSecrets(ContainerConfig config)
    {
        var backend = config.Load().Backend;
        var values = new[] { ("settings", backend.Settings), ("crawler", backend.Crawler), ("kerberos", backend.Kerberos) }
            .SelectMany(section => section.Item2.Select(pair => (Key: $"backend.{section.Item1}.{pair.Key}", pair.Value)));
        foreach (var (key, value) in values.Where(v => Sensitive().IsMatch(v.Key)))
            if (!FromSecret(key, value))
                yield return key;
        foreach (var variable in config.Container.Env.Where(e => Sensitive().IsMatch(e.Text("name")!) && e.Text("value") is not null))
            yield return $"env {variable.Text("name")}";
    }

    private static bool FromSecret(string key, string value) =>
        key.EndsWith("connection-string", StringComparison.Ordinal)
            ? new NpgsqlConnectionStringBuilder(value).Password is not { } password || ContainerConfig.IsSecretStandIn(password)
            : ContainerConfig.IsSecretStandIn(value);
}
