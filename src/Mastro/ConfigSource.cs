using System.CommandLine;
using Mastro.Core.Config;

namespace Mastro.Cli;

/// <summary>Where the config comes from: <c>--config</c>, else the <c>MASTRO_CONFIG</c> environment variable (as in the original).</summary>
public static class ConfigSource
{
    public const string EnvironmentVariable = "MASTRO_CONFIG";

    public static Option<string?> CreateOption() => new("--config", "-c")
    {
        Description = $"Path of the YAML config file (default: ${EnvironmentVariable})",
        Recursive = true,
    };

    /// <summary>The config path, or null when neither the option nor the variable is set.</summary>
    public static string? PathFrom(ParseResult parse, Option<string?> option)
    {
        var path = parse.GetValue(option);
        if (string.IsNullOrWhiteSpace(path))
            path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(path) ? null : path;
    }

    public static MastroConfig Load(string path) => ConfigLoader.Load(path);
}
