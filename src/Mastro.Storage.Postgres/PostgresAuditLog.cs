using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Security;
using Mastro.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>The audit log in table <c>audit_entry</c>, newest (highest id) first.</summary>
internal sealed class PostgresAuditLog(PostgresDatabase database) : IAuditLog
{
    private const string NewestFirst = "id DESC";

    private readonly TableReader<AuditEntry> _rows =
        new(database, "audit_entry", "at, actor, token_id, role, method, route, targets, status, client", Read);

    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var entry in entries)
                batch.BatchCommands.Add(InsertCommand(entry));
            await batch.ExecuteNonQueryAsync(token);
        }, cancellationToken);

    private static NpgsqlBatchCommand InsertCommand(AuditEntry entry)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO audit_entry (at, actor, token_id, role, method, route, targets, status, client)
            VALUES (@at, @actor, @token_id, @role, @method, @route, @targets, @status, @client)
            """);
        command.Parameters.AddRange((NpgsqlParameter[])
        [
            new NpgsqlParameter<DateTimeOffset>("at", entry.At.ToUniversalTime()),
            new NpgsqlParameter<string>("actor", entry.Actor),
            new NpgsqlParameter("token_id", NpgsqlDbType.Text) { Value = (object?)entry.TokenId ?? DBNull.Value },
            new NpgsqlParameter("role", NpgsqlDbType.Text) { Value = (object?)entry.Role?.Name() ?? DBNull.Value },
            new NpgsqlParameter<string>("method", entry.Method),
            new NpgsqlParameter<string>("route", entry.Route),
            new NpgsqlParameter<string>("targets", NpgsqlDbType.Jsonb)
            {
                TypedValue = JsonSerializer.Serialize(entry.Targets, MastroJsonContext.Default.IReadOnlyListString),
            },
            new NpgsqlParameter<int>("status", entry.Status),
            new NpgsqlParameter<string>("client", entry.Client),
        ]);
        return command;
    }

    public Task<Page<AuditEntry>> QueryAsync(AuditQuery query, PageRequest page, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        var arguments = new List<SqlArgument>();
        if (query.Actor is not null)
        {
            if (query.Actor.Contains('\0'))
                return _rows.ReadPageAsync(SqlFilter.None, NewestFirst, page, cancellationToken);
            conditions.Add("actor = @actor");
            arguments.Add(new SqlArgument("actor", query.Actor, NpgsqlDbType.Text));
        }
        if (query.Since is { } since)
        {
            conditions.Add("at >= @since");
            arguments.Add(new SqlArgument("since", since.ToUniversalTime(), NpgsqlDbType.TimestampTz));
        }
        var filter = conditions.Count == 0 ? SqlFilter.All : new SqlFilter(string.Join(" AND ", conditions), arguments);
        return _rows.ReadPageAsync(filter, NewestFirst, page, cancellationToken);
    }

    private static AuditEntry Read(NpgsqlDataReader reader) => new(
        At: reader.GetFieldValue<DateTimeOffset>(0),
        Actor: reader.GetString(1),
        TokenId: reader.IsDBNull(2) ? null : reader.GetString(2),
        Role: reader.IsDBNull(3) ? null : Roles.Parse(reader.GetString(3)),
        Method: reader.GetString(4),
        Route: reader.GetString(5),
        Targets: JsonSerializer.Deserialize(reader.GetString(6), MastroJsonContext.Default.IReadOnlyListString) ?? [],
        Status: reader.GetInt32(7),
        Client: reader.GetString(8));
}
