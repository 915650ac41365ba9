using System.CommandLine;
using Mastro.Core.Config;

namespace Mastro.Cli;

/// <summary>
/// The server settings a command works with: the config (<c>--config</c> or <c>MASTRO_CONFIG</c>), or else the
/// embedded default with its SQLite store in <c>--data</c> (default <c>./.mastro</c>) — the same for <c>serve</c> and
/// for the admin commands (<c>token</c>, <c>audit</c>), so they open the store the server uses.
/// </summary>
public static class ServerSettingsSource
{
    public const string DefaultDataDirectory = ".mastro";

    public static Option<string?> CreateDataOption() =>
        new("--data") { Description = $"Directory of the embedded SQLite store (default ./{DefaultDataDirectory}); only without a config" };

    public static ServerSettings From(ParseResult parse, Option<string?> configOption, Option<string?> dataOption)
    {
        var configPath = ConfigSource.PathFrom(parse, configOption);
        var data = parse.GetValue(dataOption);
        if (configPath is null)
            return ServerSettings.Embedded(data ?? DefaultDataDirectory);
        if (data is not null)
            throw new ConfigException("--data only applies without a config file (the config's backend.settings.path decides)");
        return ServerSettings.From(ConfigSource.Load(configPath));
    }
}
