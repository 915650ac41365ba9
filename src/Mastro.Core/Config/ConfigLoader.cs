using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mastro.Core.Config;

/// <summary>Reads a Mastro YAML config file. Unknown keys are ignored, as in the original.</summary>
public static class ConfigLoader
{
    public static MastroConfig Load(string path, Func<string, string?>? environment = null)
    {
        if (Directory.Exists(path))
            throw new ConfigException($"config file {path} is a directory, not a file");
        if (!File.Exists(path))
            throw new ConfigException($"config file {path} does not exist");
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"config file {path} cannot be read: {e.Message}");
        }
        return Parse(text, path, environment ?? Environment.GetEnvironmentVariable);
    }

    public static MastroConfig Parse(string yaml, string? sourcePath, Func<string, string?> environment)
    {
        var where = sourcePath ?? "config";
        RawConfig? raw;
        try
        {
            raw = Deserializer.Deserialize<RawConfig?>(yaml);
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");
            throw new ConfigException($"{where}: invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {reason}");
        }
        if (raw is null)
            throw new ConfigException($"{where}: the file is empty");
        if (string.IsNullOrWhiteSpace(raw.Type))
            throw new ConfigException($"type: missing (expected one of: {string.Join(", ", [.. MastroConfig.ServerTypes, MastroConfig.Crawler])})");

        var backend = raw.Backend ?? new RawBackend();
        return new MastroConfig(
            raw.Type.Trim(),
            Expand(raw.Details, "details", environment),
            new BackendConfig(
                Expand(backend.Name ?? "", "backend.name", environment),
                Expand(backend.Type ?? "", "backend.type", environment).Trim(),
                Expand(backend.Settings, "backend.settings", environment),
                Expand(backend.Crawler, "backend.crawler", environment),
                Expand(backend.Kerberos, "backend.kerberos", environment),
                Expand(backend.Tls, "backend.tls", environment)),
            sourcePath);
    }

    private static string Expand(string value, string key, Func<string, string?> environment) =>
        EnvironmentExpander.Expand(value, key, environment);

    private static IReadOnlyDictionary<string, string> Expand(
        Dictionary<string, string?>? values, string section, Func<string, string?> environment) =>
        values is null
            ? BackendConfig.None
            : values.ToDictionary(
                pair => pair.Key,
                pair => EnvironmentExpander.Expand(pair.Value ?? "", $"{section}.{pair.Key}", environment));

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(HyphenatedNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    // YamlDotNet needs settable classes; they never leave this file.
    private sealed class RawConfig
    {
        public string? Type { get; set; }
        public Dictionary<string, string?>? Details { get; set; }
        public RawBackend? Backend { get; set; }
    }

    private sealed class RawBackend
    {
        public string? Name { get; set; }
        public string? Type { get; set; }
        public Dictionary<string, string?>? Settings { get; set; }
        public Dictionary<string, string?>? Crawler { get; set; }
        public Dictionary<string, string?>? Kerberos { get; set; }
        public Dictionary<string, string?>? Tls { get; set; }
    }
}
