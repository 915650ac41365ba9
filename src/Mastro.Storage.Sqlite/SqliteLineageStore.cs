using Mastro.Core.Json;
using Mastro.Core.Lineage;
using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;
using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Lineage in SQLite: tables <c>lineage_event</c>, <c>lineage_run</c>, <c>lineage_alias</c>, <c>lineage_column</c>,
/// and the <c>asset_dependency</c> reverse index the graph walks (kept by triggers on <c>asset</c>).
/// </summary>
internal sealed class SqliteLineageStore(SqliteDatabase database) : ILineageStore
{
    private const string RunColumns =
        "t.run_id, t.job, t.state, t.state_time, t.started_at, t.ended_at, t.error_message, t.first_event_at, t.updated_at, " +
        "(SELECT count(*) FROM lineage_event e WHERE e.run_id = t.run_id)";

    private const string FindRunSql = $"SELECT {RunColumns} FROM lineage_run t WHERE t.run_id = $runId";

    private const string EventColumns = "t.run_id, t.event_type, t.event_time, t.received_at, t.payload";

    private const string NodeColumns = "a.name, a.type, a.description, a.tags, a.last_discovered_at, a.depends_on";

    // The assets under the names and under the names that those which are aliases stand for.
    private const string CatalogueAssetsSql = $"""
        SELECT {SqliteAssetStore.Columns} FROM asset t
        WHERE t.name IN (SELECT value FROM json_each($names)
                         UNION SELECT asset_name FROM lineage_alias WHERE alias IN (SELECT value FROM json_each($names)))
        """;

    /// <summary>
    /// Reads, plans and writes within the single writer's transaction (BEGIN IMMEDIATE): no other write to the file,
    /// from this process or another, can come between. The read also finds the writer's page cache warm, where a
    /// reader's would have been dropped by the last commit.
    /// </summary>
    public Task IngestAsync(IReadOnlyCollection<string> names, Func<StoredCatalogue, LineageWrite> plan, CancellationToken cancellationToken) =>
        database.WriteAsync(async connection =>
        {
            var write = plan(await ReadCatalogueAsync(connection, names, cancellationToken));
            await SqliteAssetWriter.WriteAllAsync(connection, SqliteAssetWriter.Rows(write.Assets), cancellationToken);
            await using var writer = new SqliteLineageWriter(connection, FindRunSql);
            foreach (var record in write.Records)
                await writer.WriteAsync(record, ReadRun, cancellationToken);
        }, cancellationToken);

    private static async Task<StoredCatalogue> ReadCatalogueAsync(SqliteConnection connection, IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0) return new StoredCatalogue([], new Dictionary<string, string>());
        var json = LineageJson.Names(names);
        var aliases = await ReadAliasesAsync(connection, json, cancellationToken);
        return new StoredCatalogue(await SqliteAssetStore.ReadRowsAsync(connection, CatalogueAssetsSql, json, cancellationToken), aliases);
    }

    public Task<LineageRun?> FindRunAsync(string runId, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => FindRunAsync(connection, runId, cancellationToken), cancellationToken);

    public Task<Page<LineageRun>> ListRunsAsync(string? job, PageRequest page, CancellationToken cancellationToken)
    {
        var selection = job is null
            ? new SqliteSelection("lineage_run t", "t.first_event_at DESC, t.run_id", SqliteSelection.NoParameters)
            : new SqliteSelection("lineage_run t WHERE t.job = $job", "t.first_event_at DESC, t.run_id",
                new Dictionary<string, object> { ["$job"] = job });
        return database.ReadAsync(connection => selection.ReadPageAsync(connection, RunColumns, ReadRun, page, cancellationToken), cancellationToken);
    }

    public Task<Page<ReceivedLineageEvent>> ListRunEventsAsync(string runId, PageRequest page, CancellationToken cancellationToken) =>
        ReadEventsAsync(new SqliteSelection("lineage_event t WHERE t.run_id = $runId", "t.event_time, t.id",
            new Dictionary<string, object> { ["$runId"] = runId }), page, cancellationToken);

    public Task<Page<ReceivedLineageEvent>> ListRecentEventsAsync(PageRequest page, CancellationToken cancellationToken) =>
        ReadEventsAsync(new SqliteSelection("lineage_event t", "t.id DESC", SqliteSelection.NoParameters), page, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> ResolveAliasesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        names.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>())
            : database.ReadAsync(connection => ReadAliasesAsync(connection, LineageJson.Names(names), cancellationToken), cancellationToken);

    public Task<ColumnLineage?> FindColumnLineageAsync(string dataset, CancellationToken cancellationToken) =>
        database.ReadAsync(async connection =>
        {
            await using var command = Command(connection, "SELECT lineage FROM lineage_column WHERE dataset = $dataset", ("$dataset", dataset));
            return await command.ExecuteScalarAsync(cancellationToken) is string json ? LineageJson.DeserializeColumnLineage(json) : null;
        }, cancellationToken);

    public Task<LineageNodes> FindNodesAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        if (names.Count == 0) return Task.FromResult(new LineageNodes([], new Dictionary<string, string>()));
        var json = LineageJson.Names(names);
        return database.ReadAsync(async connection => new LineageNodes(
            await ReadNodesAsync(connection, $"""
                SELECT {NodeColumns} FROM asset a
                WHERE a.name IN (SELECT value FROM json_each($names)
                                 UNION SELECT asset_name FROM lineage_alias WHERE alias IN (SELECT value FROM json_each($names)))
                """, json, cancellationToken),
            await ReadAliasesAsync(connection, json, cancellationToken)), cancellationToken);
    }

    public Task<IReadOnlyList<LineageNode>> FindDependentsAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        names.Count == 0
            ? Task.FromResult<IReadOnlyList<LineageNode>>([])
            : database.ReadAsync(connection => ReadNodesAsync(connection, $"""
                SELECT {NodeColumns} FROM asset a
                WHERE a.id IN (SELECT d.asset_id FROM asset_dependency d
                               WHERE d.depends_on IN (SELECT value FROM json_each($names)
                                                      UNION SELECT l.alias FROM lineage_alias l
                                                      WHERE l.asset_name IN (SELECT value FROM json_each($names))
                                                        AND NOT EXISTS (SELECT 1 FROM asset own WHERE own.name = l.alias)))
                ORDER BY a.id
                """, LineageJson.Names(names), cancellationToken), cancellationToken);

    public async Task<RetentionResult> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var result = new RetentionResult(0, 0);
        await database.WriteAsync(async connection =>
        {
            var events = await ExecuteAsync(connection, "DELETE FROM lineage_event WHERE received_at < $cutoff", cancellationToken, ("$cutoff", Micros(cutoff)));
            var runs = await ExecuteAsync(connection, "DELETE FROM lineage_run WHERE updated_at < $cutoff", cancellationToken, ("$cutoff", Micros(cutoff)));
            result = new RetentionResult(events, runs);
        }, cancellationToken);
        return result;
    }

    private static async Task<LineageRun?> FindRunAsync(SqliteConnection connection, string runId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, FindRunSql, ("$runId", runId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRun(reader) : null;
    }

    private Task<Page<ReceivedLineageEvent>> ReadEventsAsync(SqliteSelection selection, PageRequest page, CancellationToken cancellationToken) =>
        database.ReadAsync(connection => selection.ReadPageAsync(connection, EventColumns, ReadEvent, page, cancellationToken), cancellationToken);

    private static async Task<IReadOnlyDictionary<string, string>> ReadAliasesAsync(
        SqliteConnection connection, string namesJson, CancellationToken cancellationToken)
    {
        await using var command = Command(connection,
            "SELECT alias, asset_name FROM lineage_alias WHERE alias IN (SELECT value FROM json_each($names))", ("$names", namesJson));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
            aliases[reader.GetString(0)] = reader.GetString(1);
        return aliases;
    }

    private static async Task<IReadOnlyList<LineageNode>> ReadNodesAsync(
        SqliteConnection connection, string sql, string namesJson, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, ("$names", namesJson));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var nodes = new List<LineageNode>();
        while (await reader.ReadAsync(cancellationToken))
            nodes.Add(LineageNode.FromRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Timestamps.FromUnixMicroseconds(reader.GetInt64(4)), reader.GetString(5)));
        return nodes;
    }

    private static LineageRun ReadRun(SqliteDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        Job = reader.GetString(1),
        State = reader.GetString(2),
        StateTime = Timestamps.FromUnixMicroseconds(reader.GetInt64(3)),
        StartedAt = OptionalTime(reader, 4),
        EndedAt = OptionalTime(reader, 5),
        ErrorMessage = reader.IsDBNull(6) ? null : reader.GetString(6),
        FirstEventAt = Timestamps.FromUnixMicroseconds(reader.GetInt64(7)),
        UpdatedAt = Timestamps.FromUnixMicroseconds(reader.GetInt64(8)),
        EventCount = reader.GetInt64(9),
    };

    private static ReceivedLineageEvent ReadEvent(SqliteDataReader reader) => new(
        RunId: reader.IsDBNull(0) ? null : reader.GetString(0),
        EventType: reader.IsDBNull(1) ? null : reader.GetString(1),
        EventTime: Timestamps.FromUnixMicroseconds(reader.GetInt64(2)),
        ReceivedAt: Timestamps.FromUnixMicroseconds(reader.GetInt64(3)),
        Json: reader.GetString(4));

    private static DateTimeOffset? OptionalTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Timestamps.FromUnixMicroseconds(reader.GetInt64(ordinal));

    private static long Micros(DateTimeOffset time) => Timestamps.ToUnixMicroseconds(time);

    private static async Task<int> ExecuteAsync(
        SqliteConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
