using System.CommandLine;
using Mastro.Core.Config;
using Mastro.Core.Security;
using Mastro.Core.Storage;
using Mastro.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mastro.Cli.Commands;

/// <summary>
/// <c>mastro serve</c>: the roles named by the config, or — without a config — every role on an embedded
/// SQLite store in <c>./.mastro</c>, on 127.0.0.1:8085.
/// </summary>
public static class ServeCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var data = ServerSettingsSource.CreateDataOption();
        var port = new Option<int?>("--port", "-p") { Description = "Port to listen on (overrides details.port)" };
        var address = new Option<string?>("--address") { Description = "Address to listen on (default 127.0.0.1 without a config, details.address or 0.0.0.0 with one)" };
        var command = new Command("serve", "Run the Mastro server (catalogue, feature store, metric store)") { data, port, address };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(() =>
        {
            var settings = ServerSettingsSource.From(parse, configOption, data);
            settings = settings with
            {
                Port = parse.GetValue(port) ?? settings.Port,
                Address = parse.GetValue(address) ?? settings.Address,
            };
            return RunAsync(settings, cancellationToken);
        }));
        return command;
    }

    public static async Task<int> RunAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Port is < 1 or > 65535)
            throw new ConfigException($"--port: {settings.Port} is not a port number (1-65535)");
        settings = settings with
        {
            Security = settings.Security with { AdminToken = AdminToken.FromEnvironment(Environment.GetEnvironmentVariable) },
        };
        await using var store = await StoreFactory.OpenAsync(settings.Store, settings.StoreWait, cancellationToken);
        using var host = MastroServer.CreateHostBuilder(settings, store).Build();
        host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Mastro")
            .LogInformation("Mastro serving {Roles} on {Scheme}://{Address}:{Port} with store {Store}",
                string.Join(", ", settings.Roles.Order()), settings.Security.Tls is null ? "http" : "https",
                settings.Address, settings.Port, Describe(settings.Store));
        await host.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static string Describe(StoreSettings store) => store switch
    {
        SqliteStoreSettings sqlite => $"sqlite at {Path.GetFullPath(sqlite.Path)}",
        _ => store.ToString(),
    };
}
