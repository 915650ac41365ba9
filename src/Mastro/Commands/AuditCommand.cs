using System.CommandLine;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Security;

namespace Mastro.Cli.Commands;

/// <summary>
/// <c>mastro audit [--limit N] [--page P] [--actor NAME] [--since TIME]</c>: the audit log of the config's store (or the
/// embedded <c>--data</c> store), newest first — the same entries admins read at <c>GET /audit</c>.
/// </summary>
public static class AuditCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var data = ServerSettingsSource.CreateDataOption();
        var limit = new Option<int>("--limit", "-n") { Description = $"Entries to show (default {PageRequest.DefaultLimit}, at most {PageRequest.MaxLimit})" };
        var page = new Option<int>("--page") { Description = "Page of entries (default 1, the newest)" };
        var actor = new Option<string?>("--actor") { Description = "Only this token name (or anonymous, bootstrap-admin)" };
        var since = new Option<string?>("--since") { Description = "Only entries at or after this RFC 3339 time, e.g. 2026-01-31T00:00:00Z" };
        var command = new Command("audit", "Show the audit log: writes and refused requests") { data, limit, page, actor, since };
        command.SetAction((parse, cancellationToken) => CommandErrors.GuardAsync(async () =>
        {
            if (parse.GetValue(limit) < 0 || parse.GetValue(page) < 0)
                return await FailAsync("--limit and --page must not be negative");
            DateTimeOffset? from = null;
            if (parse.GetValue(since) is { } text)
            {
                if (!Timestamps.TryParse(text, out var parsed))
                    return await FailAsync($"--since: '{text}' is not an RFC 3339 time (e.g. 2026-01-31T00:00:00Z)");
                from = parsed;
            }
            var settings = ServerSettingsSource.From(parse, configOption, data);
            await using var store = await StoreFactory.OpenAsync(settings.Store, settings.StoreWait, cancellationToken);
            var entries = await store.Audit.QueryAsync(
                new AuditQuery(parse.GetValue(actor), from), PageRequest.Of(parse.GetValue(page), parse.GetValue(limit)), cancellationToken);
            await TextTable.WriteAsync(Console.Out, ["TIME", "ACTOR", "ROLE", "REQUEST", "STATUS", "TARGETS", "CLIENT"],
                entries.Data.Select(Row).ToList());
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string[] Row(AuditEntry entry) =>
    [
        Timestamps.Format(entry.At), entry.Actor, entry.Role?.Name() ?? "-", $"{entry.Method} {entry.Route}",
        $"{entry.Status} {entry.Outcome}", entry.Targets.Count == 0 ? "-" : string.Join(", ", entry.Targets), entry.Client,
    ];

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync($"mastro: {message}");
        return ExitCodes.ConfigError;
    }
}
