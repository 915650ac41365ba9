using System.Text;

namespace Mastro.Core.Config;

/// <summary>
/// Expands <c>${NAME}</c> and <c>${NAME:-default}</c> in config values, so that passwords come from
/// Kubernetes Secrets instead of ConfigMaps. <c>$${</c> writes a literal <c>${</c>.
/// </summary>
public static class EnvironmentExpander
{
    public static string Expand(string value, string key, Func<string, string?> lookup)
    {
        if (!value.Contains('$')) return value;
        var result = new StringBuilder(value.Length);
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == '$' && i + 2 < value.Length && value[i + 1] == '$' && value[i + 2] == '{')
            {
                result.Append("${");
                i += 3;
                continue;
            }
            if (value[i] != '$' || i + 1 >= value.Length || value[i + 1] != '{')
            {
                result.Append(value[i++]);
                continue;
            }
            var end = value.IndexOf('}', i + 2);
            if (end < 0)
                throw new ConfigException($"{key}: unterminated '${{' in value");
            result.Append(Resolve(value[(i + 2)..end], key, lookup));
            i = end + 1;
        }
        return result.ToString();
    }

    private static string Resolve(string reference, string key, Func<string, string?> lookup)
    {
        var separator = reference.IndexOf(":-", StringComparison.Ordinal);
        var name = separator < 0 ? reference : reference[..separator];
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ConfigException($"{key}: '${{{reference}}}' is not a valid environment variable reference");
        var value = lookup(name);
        if (!string.IsNullOrEmpty(value)) return value;
        if (separator >= 0) return reference[(separator + 2)..];
        throw new ConfigException($"{key}: environment variable {name} is not set");
    }
}
