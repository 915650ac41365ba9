using System.CommandLine;
using Mastro.Core.Config;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Hosting;
using Mastro.Crawlers.Sources;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Mastro.Cli.Commands;

/// <summary>
/// <c>mastro crawl --config FILE [--once]</c> runs the crawler a config describes; <c>mastro crawl local --root DIR
/// --catalogue URL --once</c> (and the other sources) does the same from flags alone. Exit codes: 0 success,
/// 1 failed run, 2 config error — so a Kubernetes Job or CronJob reports the truth.
/// </summary>
public static class CrawlCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = $"Crawler config file (type: crawler); default ${ConfigSource.EnvironmentVariable}" };
        var once = new Option<bool>("--once") { Description = "Run once and exit, even if the config has a schedule", Recursive = true };
        var command = new Command("crawl", "Run a crawler: push assets found in a source to the catalogue") { config, once };
        foreach (var type in SourceTypes.All)
            command.Subcommands.Add(SourceCommand(type, once));
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(async () =>
        {
            var path = ConfigSource.PathFrom(parse, config)
                ?? throw new ConfigException(
                    $"crawl: no config given (--config FILE or ${ConfigSource.EnvironmentVariable}); or name a source, e.g. `mastro crawl local --root DIR --catalogue http://host:8085/assets/ --once`");
            return await RunAsync(ConfigSource.Load(path), parse.GetValue(once), cancellationToken);
        }));
        return command;
    }

    /// <summary>Runs a crawler config. Returns the exit code; config problems print one line and give 2.</summary>
    public static Task<int> RunAsync(MastroConfig config, bool once, CancellationToken cancellationToken) =>
        CommandErrors.GuardAsync(async () =>
        {
            var settings = CrawlerSettings.From(config, DateTimeOffset.UtcNow);
            var terminal = !Console.IsOutputRedirected;
            using var loggerFactory = CreateLoggerFactory(terminal);
            ICrawlDisplay display = terminal
                ? new TerminalDisplay(AnsiConsole.Console)
                : new LogDisplay(loggerFactory.CreateLogger("Mastro.Crawler"));
            return await new CrawlerHost(loggerFactory, display, TimeProvider.System)
                .RunAsync(settings, once, StoreFactory.OpenAsync, cancellationToken);
        });

    /// <summary>The checks a crawler applies at startup (settings, schedule, source settings), without connecting anywhere.</summary>
    public static void Validate(MastroConfig config) =>
        CrawlSourceFactory.Prepare(CrawlerSettings.From(config, DateTimeOffset.UtcNow));

    /// <summary>JSON lines for log collectors; at a terminal only warnings, on stderr, under the progress display.</summary>
    private static ILoggerFactory CreateLoggerFactory(bool terminal) => LoggerFactory.Create(logging =>
    {
        if (terminal)
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
        else
        {
            logging.SetMinimumLevel(LogLevel.Information);
            logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
    });

    /// <summary><c>mastro crawl &lt;type&gt; --root … --catalogue …</c>: a crawler config built from flags.</summary>
    private static Command SourceCommand(string type, Option<bool> once)
    {
        var root = new Option<string?>("--root") { Description = "What to crawl (directory, key prefix, db[/table], URL…)" };
        var catalogue = new Option<string?>("--catalogue") { Description = "Catalogue assets URL, e.g. http://localhost:8085/assets/" };
        var filter = new Option<string?>("--filter") { Description = $"Manifest file name (default {CrawlerSettings.DefaultFilter}; * and ? are wildcards)" };
        var name = new Option<string?>("--name") { Description = $"Crawler name, stored in each asset's crawler label (default {type})" };
        var schedule = new Option<string?>("--schedule") { Description = "5-field cron schedule (UTC); without it the crawler runs once" };
        var setting = new Option<string[]>("--setting") { Description = "A backend setting, key=value (repeatable), e.g. --setting bucket=data", AllowMultipleArgumentsPerToken = false };
        var command = new Command(type, $"Crawl a {type} source without a config file") { root, catalogue, filter, name, schedule, setting };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(async () =>
        {
            var crawler = new Dictionary<string, string>();
            void Put(string key, string? value) { if (value is not null) crawler[key] = value; }
            Put("root", parse.GetValue(root));
            Put("catalogue-endpoint", parse.GetValue(catalogue));
            Put("filter-filename", parse.GetValue(filter));
            Put("schedule", parse.GetValue(schedule));
            var settings = new Dictionary<string, string>();
            foreach (var pair in parse.GetValue(setting) ?? [])
            {
                var equals = pair.IndexOf('=');
                if (equals <= 0) throw new ConfigException($"--setting: '{pair}' is not key=value");
                settings[pair[..equals].Trim()] = pair[(equals + 1)..];
            }
            var backend = new BackendConfig(parse.GetValue(name) ?? type, type, settings, crawler, BackendConfig.None, BackendConfig.None);
            return await RunAsync(new MastroConfig(MastroConfig.Crawler, BackendConfig.None, backend, null), parse.GetValue(once), cancellationToken);
        }));
        return command;
    }
}
