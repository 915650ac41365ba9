using System.CommandLine;
using Mastro.Core.Config;

namespace Mastro.Cli.Commands;

/// <summary><c>mastro config validate FILE…</c>: checks configs (e.g. the ones in a ConfigMap) without starting anything.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Config files to check", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Check config files and print one line per file") { files };
        validate.SetAction(async (parse, _) =>
        {
            var failures = 0;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                try
                {
                    var config = ConfigLoader.Load(file);
                    Validate(config);
                    await Console.Out.WriteLineAsync($"{file}: ok ({config.Type}, backend {config.Backend.Type})");
                }
                catch (ConfigException e)
                {
                    failures++;
                    await Console.Error.WriteLineAsync($"{file}: {e.Message}");
                }
            }
            return failures == 0 ? ExitCodes.Success : ExitCodes.ConfigError;
        });
        return new Command("config", "Work with config files") { validate };
    }

    /// <summary>Applies the same checks the role itself applies at startup.</summary>
    public static void Validate(MastroConfig config)
    {
        if (config.Type == MastroConfig.Crawler)
            CrawlCommand.Validate(config);
        else
            ServerSettings.From(config);
    }
}
