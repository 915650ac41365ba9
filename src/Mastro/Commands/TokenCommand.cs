using System.CommandLine;
using Mastro.Core.Security;
using Mastro.Core.Services;
using Mastro.Core.Validation;

namespace Mastro.Cli.Commands;

/// <summary>
/// <c>mastro token create --role edit --name ci-crawler</c>, <c>mastro token list</c>, <c>mastro token revoke ID-OR-NAME</c>:
/// API tokens, in the store of the config (or the embedded <c>--data</c> store). A token is printed once, on creation;
/// the store keeps only its salted hash.
/// </summary>
public static class TokenCommand
{
    public static Command Create(Option<string?> configOption)
    {
        var data = ServerSettingsSource.CreateDataOption();
        data.Recursive = true;
        return new Command("token", "Create, list and revoke API tokens") { data, CreateCommand(configOption, data), ListCommand(configOption, data), RevokeCommand(configOption, data) };
    }

    private static Command CreateCommand(Option<string?> configOption, Option<string?> data)
    {
        var name = new Option<string>("--name") { Description = "What the token is for (e.g. ci-crawler); shown in the audit log", Required = true };
        var role = new Option<string>("--role") { Description = "view, edit or admin", Required = true };
        role.AcceptOnlyFromAmong([.. Roles.All.Select(r => r.Name())]);
        var command = new Command("create", "Create a token and print it (the only time it is shown)") { name, role };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, configOption, data, cancellationToken, async tokens =>
        {
            var issued = await tokens.CreateAsync(parse.GetValue(name)!, Roles.Parse(parse.GetValue(role)!), cancellationToken);
            // Only the token on stdout, so that `TOKEN=$(mastro token create …)` captures exactly it.
            await Console.Out.WriteLineAsync(issued.Text);
            await Console.Error.WriteLineAsync(
                $"Created token '{issued.Stored.Name}' (id {issued.Stored.Id}, role {issued.Stored.Role.Name()}). " +
                "It is shown only this once: store it now, e.g. in a Kubernetes Secret.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListCommand(Option<string?> configOption, Option<string?> data)
    {
        var command = new Command("list", "List tokens (never their secrets)");
        command.SetAction((parse, cancellationToken) => RunAsync(parse, configOption, data, cancellationToken, async tokens =>
        {
            var rows = (await tokens.ListAsync(cancellationToken))
                .Select(t => new[] { t.Id, t.Name, t.Role.Name(), Core.Json.Timestamps.Format(t.CreatedAt),
                    t.RevokedAt is { } revoked ? $"revoked {Core.Json.Timestamps.Format(revoked)}" : "active" })
                .ToList();
            await TextTable.WriteAsync(Console.Out, ["ID", "NAME", "ROLE", "CREATED", "STATUS"], rows);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RevokeCommand(Option<string?> configOption, Option<string?> data)
    {
        var token = new Argument<string>("id-or-name") { Description = "The token's id, or the name of an active token" };
        var command = new Command("revoke", "Revoke a token; running servers refuse it within seconds") { token };
        command.SetAction((parse, cancellationToken) => RunAsync(parse, configOption, data, cancellationToken, async tokens =>
        {
            var key = parse.GetValue(token)!;
            if (await tokens.RevokeAsync(key, cancellationToken) is not { } revoked)
            {
                await Console.Error.WriteLineAsync($"mastro: no active token with id or name '{key}'");
                return ExitCodes.Failure;
            }
            await Console.Out.WriteLineAsync($"Revoked token '{revoked.Name}' (id {revoked.Id}, role {revoked.Role.Name()})");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Task<int> RunAsync(
        ParseResult parse, Option<string?> configOption, Option<string?> data, CancellationToken cancellationToken,
        Func<TokenAdministration, Task<int>> action) =>
        CommandErrors.GuardAsync(async () =>
        {
            var settings = ServerSettingsSource.From(parse, configOption, data);
            await using var store = await StoreFactory.OpenAsync(settings.Store, settings.StoreWait, cancellationToken);
            try
            {
                return await action(new TokenAdministration(store.Tokens, TimeProvider.System));
            }
            catch (ValidationFailedException e)
            {
                await Console.Error.WriteLineAsync($"mastro: {e.Message}");
                return ExitCodes.Failure;
            }
        });
}
