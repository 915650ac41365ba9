using System.Data;
using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;
using Mastro.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>
/// Lineage in PostgreSQL: tables <c>lineage_events</c>, <c>lineage_runs</c>, <c>lineage_aliases</c>,
/// <c>lineage_columns</c>, and the <c>asset_dependencies</c> reverse index the graph walks (kept by a trigger on <c>assets</c>).
/// </summary>
internal sealed class PostgresLineageStore(PostgresDatabase database) : ILineageStore
{
    private const string RunTable = "lineage_runs";
    private const string RunRowColumns = "run_id, job, state, state_time, started_at, ended_at, error_message, first_event_at, updated_at";
    private const string RunColumns = $"{RunRowColumns}, (SELECT count(*) FROM lineage_events e WHERE e.run_id = lineage_runs.run_id)";

    private const string NodeColumns = "name, type, description, tags, last_discovered_at, depends_on";

    internal const string AliasesSql = "SELECT alias, asset_name FROM lineage_aliases WHERE alias = ANY(@names)";

    // Each branch is a plain index lookup whatever the planner's statistics say (a freshly loaded table has none):
    // names by the unique index, aliases by their keys, dependents by the reverse index's primary key.
    internal const string NodesSql = $"""
        SELECT {NodeColumns} FROM assets WHERE name = ANY(@names)
        UNION
        SELECT {NodeColumns} FROM assets WHERE name IN (SELECT asset_name FROM lineage_aliases WHERE alias = ANY(@names))
        """;

    internal const string DependentsSql = $"""
        SELECT {NodeColumns} FROM assets
        WHERE id IN (SELECT asset_id FROM asset_dependencies WHERE depends_on = ANY(@names)
                     UNION
                     SELECT d.asset_id FROM lineage_aliases a JOIN asset_dependencies d ON d.depends_on = a.alias
                     WHERE a.asset_name = ANY(@names) AND NOT EXISTS (SELECT 1 FROM assets own WHERE own.name = a.alias))
        ORDER BY id
        """;

    private readonly TableReader<LineageRun> _runs = new(database, RunTable, RunColumns, ReadRun);
    private readonly TableReader<ReceivedLineageEvent> _events =
        new(database, "lineage_events", "run_id, event_type, event_time, received_at, payload", ReadEvent);

    // The assets under the names and under the names that those which are aliases stand for.
    // Locked, in name order (as the writer writes them, so that two batches cannot deadlock): an asset deleted after
    // the read would otherwise be inserted again by the batch.
    // One array of names, so that the lookup is one index scan: "name = ANY(@names) OR name IN (…)" read the whole
    // table instead, 2 s per batch at 1M assets (docs/PERFORMANCE.md, "Thirteenth round").
    internal const string CatalogueAssetsSql = $"""
        SELECT {PostgresAssetStore.Columns} FROM assets
        WHERE name = ANY(@names || ARRAY(SELECT asset_name FROM lineage_aliases WHERE alias = ANY(@names)))
        ORDER BY name COLLATE "C" FOR UPDATE
        """;

    // The runs a batch's events fold into, locked in the order the batch writes them (see WriteRunSql). Without
    // their event counts (0), which the fold does not write: counting, as estimated on a growing events table,
    // priced the statement past jit_above_cost, and PostgreSQL compiled it with LLVM for every batch.
    internal const string RunsToFoldSql =
        $"SELECT {RunRowColumns}, 0::bigint FROM {RunTable} WHERE run_id = ANY(@ids) ORDER BY run_id COLLATE \"C\" FOR UPDATE";

    private const string WriteRunSql = $"""
        INSERT INTO {RunTable} (run_id, job, state, state_time, started_at, ended_at, error_message, first_event_at, updated_at)
        VALUES (@run_id, @job, @state, @state_time, @started_at, @ended_at, @error_message, @first_event_at, @updated_at)
        ON CONFLICT (run_id) DO UPDATE SET job = excluded.job, state = excluded.state, state_time = excluded.state_time,
            started_at = excluded.started_at, ended_at = excluded.ended_at, error_message = excluded.error_message,
            first_event_at = excluded.first_event_at, updated_at = excluded.updated_at
        """;

    /// <summary>
    /// In REPEATABLE READ: the plan sees one snapshot, and writing an asset or run that another transaction changed
    /// after it (a user's PUT, a crawler, another replica) is a serialization failure, which runs the whole batch
    /// again on fresh data (<see cref="PostgresDatabase.InTransactionAsync"/>), rather than overwriting that change.
    /// </summary>
    /// <remarks>
    /// A batch takes at most five round trips whatever its size (read the catalogue, write its assets, read and lock
    /// its runs, write its records, commit), where one per statement made PostgreSQL ingest slower than SQLite
    /// (docs/PERFORMANCE.md, "Thirteenth round"). Its runs are folded in memory, event by event, as they were read.
    /// </remarks>
    public Task IngestAsync(IReadOnlyCollection<string> names, Func<StoredCatalogue, LineageWrite> plan, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            var write = plan(await ReadCatalogueAsync(connection, names, token));
            await PostgresAssetWriter.UpsertAsync(connection, write.Assets, token);
            var runs = await ReadRunsToFoldAsync(connection, write.Records, token);
            await using var batch = new NpgsqlBatch(connection);
            foreach (var record in write.Records)
            {
                AddRecord(batch, record);
                if (record.Run is { } observation)
                    runs[observation.RunId] = LineageRuns.Apply(runs.GetValueOrDefault(observation.RunId), observation);
            }
            foreach (var run in runs.Values)
                Add(batch, WriteRunSql, RunParameters(run));
            if (batch.BatchCommands.Count > 0)
                await batch.ExecuteNonQueryAsync(token);
        }, cancellationToken, IsolationLevel.RepeatableRead);

    private static async Task<StoredCatalogue> ReadCatalogueAsync(NpgsqlConnection connection, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        var storable = SqlFilters.Storable(names);
        if (storable.Length == 0) return new StoredCatalogue([], new Dictionary<string, string>());
        await using var batch = WithNames(new NpgsqlBatch(connection), storable, [AliasesSql, CatalogueAssetsSql]);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var aliases = await ReadAliasesAsync(reader, cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        return new StoredCatalogue(await reader.ReadAllAsync(PostgresAssetStore.Read, cancellationToken), aliases);
    }

    /// <summary>
    /// The stored runs the records observe, locked, in run id order: the order their writes go in, so that batches
    /// of two replicas wait for each other rather than deadlock. A run another replica inserts meanwhile makes the
    /// write a serialization failure, and the batch runs again with it.
    /// </summary>
    private static async Task<SortedDictionary<string, LineageRun>> ReadRunsToFoldAsync(
        NpgsqlConnection connection, IReadOnlyList<LineageRecord> records, CancellationToken cancellationToken)
    {
        var runs = new SortedDictionary<string, LineageRun>(StringComparer.Ordinal);
        var ids = records.Where(r => r.Run is not null).Select(r => r.Run!.RunId).Distinct().ToArray();
        if (ids.Length == 0) return runs;
        await using var select = new NpgsqlCommand(RunsToFoldSql, connection);
        select.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var run = ReadRun(reader);
            runs[run.RunId] = run;
        }
        return runs;
    }

    /// <summary>The record's aliases, column lineage and event, in that order (an alias may redirect an earlier one).</summary>
    private static void AddRecord(NpgsqlBatch batch, LineageRecord record)
    {
        foreach (var alias in record.Aliases)
        {
            Add(batch, "UPDATE lineage_aliases SET asset_name = @asset WHERE asset_name = @alias", Text("alias", alias.Alias), Text("asset", alias.AssetName));
            Add(batch, """
                INSERT INTO lineage_aliases (alias, asset_name) VALUES (@alias, @asset)
                ON CONFLICT (alias) DO UPDATE SET asset_name = excluded.asset_name
                """, Text("alias", alias.Alias), Text("asset", alias.AssetName));
            Add(batch, "DELETE FROM lineage_aliases WHERE alias = asset_name");
        }
        foreach (var lineage in record.ColumnLineage)
            Add(batch, """
                INSERT INTO lineage_columns (dataset, lineage) VALUES (@dataset, @lineage)
                ON CONFLICT (dataset) DO UPDATE SET lineage = excluded.lineage
                """, Text("dataset", lineage.Dataset),
                new NpgsqlParameter("lineage", NpgsqlDbType.Jsonb) { Value = LineageJson.Serialize(lineage) });

        var received = record.Event;
        Add(batch, """
            INSERT INTO lineage_events (run_id, event_type, event_time, received_at, payload)
            VALUES (@run_id, @event_type, @event_time, @received_at, @payload)
            """,
            Text("run_id", received.RunId), Text("event_type", received.EventType),
            Time("event_time", received.EventTime), Time("received_at", received.ReceivedAt),
            new NpgsqlParameter("payload", NpgsqlDbType.Json) { Value = received.Json });
    }

    private static void Add(NpgsqlBatch batch, string sql, params NpgsqlParameter[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        statement.Parameters.AddRange(parameters);
        batch.BatchCommands.Add(statement);
    }

    public Task<LineageRun?> FindRunAsync(string runId, CancellationToken cancellationToken) =>
        _runs.FindAsync(SqlFilters.Equal("run_id", runId), cancellationToken);

    public Task<Page<LineageRun>> ListRunsAsync(string? job, PageRequest page, CancellationToken cancellationToken) =>
        _runs.ReadPageAsync(job is null ? SqlFilter.All : SqlFilters.Equal("job", job), "first_event_at DESC, run_id", page, cancellationToken);

    public Task<Page<ReceivedLineageEvent>> ListRunEventsAsync(string runId, PageRequest page, CancellationToken cancellationToken) =>
        _events.ReadPageAsync(SqlFilters.Equal("run_id", runId), "event_time, id", page, cancellationToken);

    public Task<Page<ReceivedLineageEvent>> ListRecentEventsAsync(PageRequest page, CancellationToken cancellationToken) =>
        _events.ReadPageAsync(SqlFilter.All, "id DESC", page, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ResolveAliasesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        QueryAsync(names, new Dictionary<string, string>(), [AliasesSql], ReadAliasesAsync, cancellationToken);

    public Task<ColumnLineage?> FindColumnLineageAsync(string dataset, CancellationToken cancellationToken) =>
        SqlFilters.Storable([dataset]).Length == 0
            ? Task.FromResult<ColumnLineage?>(null)
            : database.RunAsync(async () =>
            {
                await using var command = database.DataSource.CreateCommand("SELECT lineage::text FROM lineage_columns WHERE dataset = @dataset");
                command.Parameters.Add(Text("dataset", dataset));
                return await command.ExecuteScalarAsync(cancellationToken) is string json ? LineageJson.DeserializeColumnLineage(json) : null;
            });

    public Task<LineageNodes> FindNodesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        QueryAsync(names, new LineageNodes([], new Dictionary<string, string>()), [NodesSql, AliasesSql], async (reader, token) =>
        {
            var nodes = await ReadNodesAsync(reader, token);
            await reader.NextResultAsync(token);
            return new LineageNodes(nodes, await ReadAliasesAsync(reader, token));
        }, cancellationToken);

    public Task<IReadOnlyList<LineageNode>> FindDependentsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        QueryAsync(names, [], [DependentsSql], ReadNodesAsync, cancellationToken);

    public async Task<RetentionResult> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var result = new RetentionResult(0, 0);
        await database.InTransactionAsync(async (connection, token) =>
        {
            var events = await ExecuteAsync(connection, "DELETE FROM lineage_events WHERE received_at < @cutoff", token, Time("cutoff", cutoff));
            var runs = await ExecuteAsync(connection, "DELETE FROM lineage_runs WHERE updated_at < @cutoff", token, Time("cutoff", cutoff));
            result = new RetentionResult(events, runs);
        }, cancellationToken);
        return result;
    }

    private static NpgsqlParameter[] RunParameters(LineageRun run) =>
    [
        Text("run_id", run.RunId), Text("job", run.Job), Text("state", run.State), Time("state_time", run.StateTime),
        Time("started_at", run.StartedAt), Time("ended_at", run.EndedAt), Text("error_message", run.ErrorMessage),
        Time("first_event_at", run.FirstEventAt), Time("updated_at", run.UpdatedAt),
    ];

    /// <summary>
    /// Runs <paramref name="statements"/>, each taking the names as <c>@names</c>, in one round trip and reads their
    /// results; answers <paramref name="none"/> without asking when no name can be stored.
    /// </summary>
    private Task<T> QueryAsync<T>(
        IReadOnlyCollection<string> names, T none, string[] statements, Func<NpgsqlDataReader, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var storable = SqlFilters.Storable(names);
        if (storable.Length == 0) return Task.FromResult(none);
        return database.RunAsync(async () =>
        {
            await using var batch = WithNames(database.DataSource.CreateBatch(), storable, statements);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        });
    }

    private static async Task<IReadOnlyDictionary<string, string>> ReadAliasesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            aliases[reader.GetString(0)] = reader.GetString(1);
        return aliases;
    }

    private static async Task<IReadOnlyList<LineageNode>> ReadNodesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAllAsync(row => LineageNode.FromRow(row.GetString(0), row.GetString(1), row.GetString(2), row.GetString(3),
            row.GetFieldValue<DateTimeOffset>(4), row.GetString(5)), cancellationToken);

    private static LineageRun ReadRun(NpgsqlDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        Job = reader.GetString(1),
        State = reader.GetString(2),
        StateTime = reader.GetFieldValue<DateTimeOffset>(3),
        StartedAt = reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
        EndedAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        ErrorMessage = reader.IsDBNull(6) ? null : reader.GetString(6),
        FirstEventAt = reader.GetFieldValue<DateTimeOffset>(7),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(8),
        EventCount = reader.GetInt64(9),
    };

    private static ReceivedLineageEvent ReadEvent(NpgsqlDataReader reader) => new(
        RunId: reader.IsDBNull(0) ? null : reader.GetString(0),
        EventType: reader.IsDBNull(1) ? null : reader.GetString(1),
        EventTime: reader.GetFieldValue<DateTimeOffset>(2),
        ReceivedAt: reader.GetFieldValue<DateTimeOffset>(3),
        Json: reader.GetString(4));

    /// <summary>Adds <paramref name="statements"/> to <paramref name="batch"/>, each taking <paramref name="names"/> as <c>@names</c>.</summary>
    private static NpgsqlBatch WithNames(NpgsqlBatch batch, string[] names, string[] statements)
    {
        foreach (var sql in statements)
            Add(batch, sql, new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = names });
        return batch;
    }

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } time ? time.ToUniversalTime() : DBNull.Value };

    private static async Task<int> ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
