using Mastro.Core.Json;
using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Bench.Support;

/// <summary>
/// The limit for bulk upserts: the same generated rows (<see cref="AssetRow"/>: the asset's nine columns) inserted
/// with plain SQL into a table of those columns with only the unique name index, in a fresh database of the same
/// kind, 1,000 rows per transaction — no HTTP, JSON parsing, validation, search index or tag/label tables.
/// Only the database work is timed: the rows of each batch are built before its clock starts.
/// </summary>
public static class RawInsert
{
    private const string SqliteTable = """
        CREATE TABLE raw_asset (
            id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, type TEXT NOT NULL, description TEXT NOT NULL,
            published_on INTEGER NOT NULL, last_discovered_at INTEGER NOT NULL,
            depends_on TEXT NOT NULL, labels TEXT NOT NULL, tags TEXT NOT NULL, versions TEXT NOT NULL)
        """;

    private const string PostgresTable = """
        CREATE TABLE raw_asset (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE, type text NOT NULL,
            description text NOT NULL, published_on timestamptz NOT NULL, last_discovered_at timestamptz NOT NULL,
            depends_on jsonb NOT NULL, labels jsonb NOT NULL, tags jsonb NOT NULL, versions jsonb NOT NULL)
        """;

    private const string InsertSql =
        "INSERT INTO raw_asset (name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

    /// <summary>Rows per second into a new SQLite file.</summary>
    public static async Task<double> SqliteAsync(string path, long count, CancellationToken cancellationToken)
    {
        SQLitePCL.Batteries_V2.Init();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        // As the store's writer (SqliteDatabase): WAL, every commit fsynced, a 64 MiB page cache.
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
        await ExecuteAsync(connection, "PRAGMA synchronous = FULL", cancellationToken);
        await ExecuteAsync(connection, "PRAGMA cache_size = -65536", cancellationToken);
        await ExecuteAsync(connection, SqliteTable, cancellationToken);

        await using var insert = connection.CreateCommand();
        insert.CommandText = InsertSql;
        var parameters = Enumerable.Range(1, 9).Select(i => insert.Parameters.Add(new SqliteParameter { ParameterName = $"${i}" })).ToArray();
        return await TimeBatchesAsync(count, async rows =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            insert.Transaction = transaction;
            foreach (var row in rows)
            {
                var values = Values(row, Timestamps.ToUnixMicroseconds);
                for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i];
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        });
    }

    /// <summary>Rows per second into a new PostgreSQL database: each batch one NpgsqlBatch of prepared inserts.</summary>
    public static async Task<double> PostgresAsync(string connectionString, long count, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand(PostgresTable))
            await create.ExecuteNonQueryAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
            NpgsqlDbType.Jsonb, NpgsqlDbType.Jsonb, NpgsqlDbType.Jsonb, NpgsqlDbType.Jsonb,
        ];
        return await TimeBatchesAsync(count, async rows =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var row in rows)
            {
                var command = new NpgsqlBatchCommand(InsertSql);
                var values = Values(row, t => t.ToUniversalTime());
                for (var i = 0; i < values.Length; i++)
                    command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = types[i], Value = values[i] });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private static object[] Values<TTime>(AssetRow row, Func<DateTimeOffset, TTime> time) where TTime : notnull =>
        [row.Name, row.Type, row.Description, time(row.PublishedOn), time(row.LastDiscoveredAt),
         row.DependsOnJson, row.LabelsJson, row.TagsJson, row.VersionsJson];

    private static Task<double> TimeBatchesAsync(long count, Func<List<AssetRow>, Task> insert) =>
        TimedBatches.ItemsPerSecondAsync(count,
            (from, size) => AssetGenerator.Batch(from, size)
                .Select(asset => AssetRow.From(asset with { LastDiscoveredAt = DateTimeOffset.UtcNow }))
                .ToList(),
            insert);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
