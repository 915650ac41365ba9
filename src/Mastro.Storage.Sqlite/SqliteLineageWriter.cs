using Mastro.Core.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Runs;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Records a batch of lineage events inside the caller's write transaction. Its commands are prepared once per
/// batch and re-executed for every event with new parameter values: preparing the five statements anew for each
/// event cost more than executing them.
/// </summary>
internal sealed class SqliteLineageWriter : IAsyncDisposable
{
    // An alias of a name that becomes an alias itself follows it; a name aliased to itself is no alias.
    private const string AliasSql = """
        UPDATE lineage_alias SET asset_name = $asset WHERE asset_name = $alias;
        INSERT INTO lineage_alias (alias, asset_name) VALUES ($alias, $asset)
            ON CONFLICT (alias) DO UPDATE SET asset_name = excluded.asset_name;
        DELETE FROM lineage_alias WHERE alias = asset_name;
        """;

    private const string ColumnLineageSql = "INSERT OR REPLACE INTO lineage_column (dataset, lineage) VALUES ($dataset, $lineage)";

    private const string EventSql = """
        INSERT INTO lineage_event (run_id, event_type, event_time, received_at, payload)
        VALUES ($runId, $eventType, $eventTime, $receivedAt, $payload)
        """;

    private const string RunSql = """
        INSERT OR REPLACE INTO lineage_run
            (run_id, job, state, state_time, started_at, ended_at, error_message, first_event_at, updated_at)
        VALUES ($runId, $job, $state, $stateTime, $startedAt, $endedAt, $errorMessage, $firstEventAt, $updatedAt)
        """;

    private readonly SqliteCommand _alias, _columnLineage, _event, _findRun, _run;

    public SqliteLineageWriter(SqliteConnection connection, string findRunSql)
    {
        _alias = Command(connection, AliasSql, "$alias", "$asset");
        _columnLineage = Command(connection, ColumnLineageSql, "$dataset", "$lineage");
        _event = Command(connection, EventSql, "$runId", "$eventType", "$eventTime", "$receivedAt", "$payload");
        _findRun = Command(connection, findRunSql, "$runId");
        _run = Command(connection, RunSql,
            "$runId", "$job", "$state", "$stateTime", "$startedAt", "$endedAt", "$errorMessage", "$firstEventAt", "$updatedAt");
    }

    /// <summary>Adds the event's aliases and column lineage, stores the raw event and folds it into its run.</summary>
    /// <param name="readRun">Reads a <c>lineage_run</c> row as selected by the find-run statement.</param>
    public async Task WriteAsync(LineageRecord record, Func<SqliteDataReader, LineageRun> readRun, CancellationToken cancellationToken)
    {
        foreach (var alias in record.Aliases)
            await ExecuteAsync(_alias, cancellationToken, alias.Alias, alias.AssetName);
        foreach (var lineage in record.ColumnLineage)
            await ExecuteAsync(_columnLineage, cancellationToken, lineage.Dataset, LineageJson.Serialize(lineage));

        var received = record.Event;
        await ExecuteAsync(_event, cancellationToken,
            received.RunId, received.EventType, Micros(received.EventTime), Micros(received.ReceivedAt), received.Json);

        if (record.Run is { } observation)
        {
            var run = LineageRuns.Apply(await FindRunAsync(observation.RunId, readRun, cancellationToken), observation);
            await ExecuteAsync(_run, cancellationToken,
                run.RunId, run.Job, run.State, Micros(run.StateTime), Micros(run.StartedAt), Micros(run.EndedAt), run.ErrorMessage,
                Micros(run.FirstEventAt), Micros(run.UpdatedAt));
        }
    }

    private async Task<LineageRun?> FindRunAsync(string runId, Func<SqliteDataReader, LineageRun> readRun, CancellationToken cancellationToken)
    {
        _findRun.Parameters[0].Value = runId;
        await using var reader = await _findRun.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? readRun(reader) : null;
    }

    private static Task<int> ExecuteAsync(SqliteCommand command, CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static long Micros(DateTimeOffset time) => Timestamps.ToUnixMicroseconds(time);

    private static object? Micros(DateTimeOffset? time) => time is { } value ? Timestamps.ToUnixMicroseconds(value) : null;

    /// <summary>Parameters are created once, in the order <see cref="ExecuteAsync"/> gives their values.</summary>
    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in (SqliteCommand[])[_alias, _columnLineage, _event, _findRun, _run])
            await command.DisposeAsync();
    }
}
