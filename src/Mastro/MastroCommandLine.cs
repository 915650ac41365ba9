using System.CommandLine;
using Mastro.Cli.Commands;
using Mastro.Core.Config;

namespace Mastro.Cli;

/// <summary>
/// The command tree. Run with only a config (<c>mastro --config x.yaml</c> or <c>MASTRO_CONFIG</c>), Mastro
/// does what the config's <c>type</c> says — exactly how the original images are deployed.
/// </summary>
public static class MastroCommandLine
{
    public static RootCommand Create()
    {
        var configOption = ConfigSource.CreateOption();
        var root = new RootCommand("Mastro: data catalogue, feature store, metric store, lineage and crawlers")
        {
            configOption,
            ServeCommand.Create(configOption),
            CrawlCommand.Create(),
            ConfigCommand.Create(),
            TokenCommand.Create(configOption),
            AuditCommand.Create(configOption),
        };
        root.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(async () =>
        {
            var path = ConfigSource.PathFrom(parse, configOption);
            if (path is null)
            {
                await Console.Error.WriteLineAsync(
                    $"mastro: no config given (--config or ${ConfigSource.EnvironmentVariable}); run `mastro serve` for the embedded default, or `mastro --help`");
                return ExitCodes.ConfigError;
            }
            var config = ConfigSource.Load(path);
            return config.Type == MastroConfig.Crawler
                ? await CrawlCommand.RunAsync(config, once: false, cancellationToken)
                : await ServeCommand.RunAsync(ServerSettings.From(config), cancellationToken);
        }));
        return root;
    }
}
