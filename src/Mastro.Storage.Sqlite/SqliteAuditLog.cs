using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Security;
using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>The audit log in table <c>audit_entry</c>, newest (highest id) first.</summary>
internal sealed class SqliteAuditLog(SqliteDatabase database) : IAuditLog
{
    private const string Columns = "t.at, t.actor, t.token_id, t.role, t.method, t.route, t.targets, t.status, t.client";
    private const string NewestFirst = "t.id DESC";

    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO audit_entry (at, actor, token_id, role, method, route, targets, status, client)
                VALUES ($at, $actor, $tokenId, $role, $method, $route, $targets, $status, $client)
                """;
            foreach (var entry in entries)
            {
                command.Parameters.Clear();
                command.Parameters.AddWithValue("$at", Timestamps.ToUnixMicroseconds(entry.At));
                command.Parameters.AddWithValue("$actor", entry.Actor);
                command.Parameters.AddWithValue("$tokenId", (object?)entry.TokenId ?? DBNull.Value);
                command.Parameters.AddWithValue("$role", (object?)entry.Role?.Name() ?? DBNull.Value);
                command.Parameters.AddWithValue("$method", entry.Method);
                command.Parameters.AddWithValue("$route", entry.Route);
                command.Parameters.AddWithValue("$targets", JsonSerializer.Serialize(entry.Targets, MastroJsonContext.Default.IReadOnlyListString));
                command.Parameters.AddWithValue("$status", entry.Status);
                command.Parameters.AddWithValue("$client", entry.Client);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }, cancellationToken);

    public Task<Page<AuditEntry>> QueryAsync(AuditQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        var parameters = new Dictionary<string, object>();
        if (query.Actor is not null)
        {
            conditions.Add("t.actor = $actor");
            parameters["$actor"] = query.Actor;
        }
        if (query.Since is { } since)
        {
            conditions.Add("t.at >= $since");
            parameters["$since"] = Timestamps.ToUnixMicroseconds(since);
        }
        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        var selection = new SqliteSelection("audit_entry t" + where, NewestFirst, parameters);
        return database.ReadAsync(connection => selection.ReadPageAsync(connection, Columns, Read, page, cancellationToken), cancellationToken);
    }

    private static AuditEntry Read(SqliteDataReader reader) => new(
        At: Timestamps.FromUnixMicroseconds(reader.GetInt64(0)),
        Actor: reader.GetString(1),
        TokenId: reader.IsDBNull(2) ? null : reader.GetString(2),
        Role: reader.IsDBNull(3) ? null : Roles.Parse(reader.GetString(3)),
        Method: reader.GetString(4),
        Route: reader.GetString(5),
        Targets: JsonSerializer.Deserialize(reader.GetString(6), MastroJsonContext.Default.IReadOnlyListString) ?? [],
        Status: reader.GetInt32(7),
        Client: reader.GetString(8));
}
