using Mastro.Storage.Sqlite;
using Mastro.Testing;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Tests;

/// <summary>The SQLite store's background checkpoint: commits reach the database file without the writer copying them.</summary>
public sealed class SqliteCheckpointTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly TempDirectory _directory = new();
    private readonly string _path;

    public SqliteCheckpointTests() => _path = _directory.File("mastro.db");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_small_commit_reaches_the_database_file_soon_after()
    {
        await using var database = await CreateTableAsync();
        await database.WriteAsync(connection => ExecuteAsync(connection, "INSERT INTO t VALUES ('copied back')"), CancellationToken.None);

        // A few pages, far below any automatic checkpoint: only the background one copies them out of the log.
        Assert.True(await EventuallyAsync(() => MainFileHolds("copied back")),
            $"the commit was still only in the write-ahead log after {Patience.TotalSeconds} s");
    }

    [Fact]
    public async Task The_writer_checkpoints_on_its_own_only_as_a_backstop()
    {
        await using var database = await CreateTableAsync();
        long pages = 0;
        await database.WriteAsync(async connection => pages = await ScalarAsync(connection, "PRAGMA wal_autocheckpoint"), CancellationToken.None);
        Assert.Equal(SqliteCheckpointer.WriterBackstopPages, pages);
    }

    [Fact]
    public async Task Disposing_the_store_closes_the_checkpoint_connection_too()
    {
        var database = await CreateTableAsync();
        await database.WriteAsync(connection => ExecuteAsync(connection, "INSERT INTO t VALUES ('x')"), CancellationToken.None);
        Assert.True(await EventuallyAsync(() => MainFileHolds("x")));

        await database.DisposeAsync().AsTask().WaitAsync(Patience);

        // SQLite removes the log when the last connection to the file closes; a connection left open keeps it.
        Assert.False(File.Exists(_path + "-wal"), "the write-ahead log is still there: a connection was left open");
    }

    [Fact]
    public async Task A_checkpoint_that_fails_is_counted_and_the_next_commit_tries_again_on_a_fresh_connection()
    {
        // A writer of its own that never checkpoints, so that only the checkpointer under test copies the log back.
        await using var writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        await writer.OpenAsync();
        await ExecuteAsync(writer, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE t (v TEXT)");
        await ExecuteAsync(writer, "INSERT INTO t VALUES ('after a failure')");
        using var outcomes = new StoreMeasurements("mastro.store.operation.duration", countBy: "outcome", ("operation", "sqlite.checkpoint"));
        var opens = 0;
        await using var checkpointer = new SqliteCheckpointer(async cancellationToken =>
        {
            if (Interlocked.Increment(ref opens) == 1)
                throw new SqliteException("disk I/O error", SQLitePCL.raw.SQLITE_IOERR);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            return connection;
        });

        checkpointer.Request();
        Assert.True(await EventuallyAsync(() => outcomes.Of("error") >= 1), "the failed checkpoint was not counted");
        Assert.False(MainFileHolds("after a failure"));

        checkpointer.Request();
        Assert.True(await EventuallyAsync(() => MainFileHolds("after a failure")), "no checkpoint after the failed one");
        Assert.Equal(2, opens);
    }

    private async Task<SqliteDatabase> CreateTableAsync()
    {
        var database = new SqliteDatabase(_path, TimeSpan.FromSeconds(5));
        await database.ExecuteScalarAsync("PRAGMA journal_mode = WAL", CancellationToken.None);
        await database.WriteAsync(connection => ExecuteAsync(connection, "CREATE TABLE t (v TEXT)"), CancellationToken.None);
        return database;
    }

    /// <summary>
    /// Whether the database file alone, without its log, holds the value: a copy of it opens with an empty log of its
    /// own. A copy torn by a checkpoint in progress fails to read, and counts as not yet.
    /// </summary>
    private bool MainFileHolds(string value)
    {
        var copy = _directory.File($"copy-{Guid.NewGuid():N}.db");
        File.Copy(_path, copy);
        try
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM t WHERE v = $v";
            command.Parameters.AddWithValue("$v", value);
            return (long)command.ExecuteScalar()! == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    private static Task<bool> EventuallyAsync(Func<bool> condition) =>
        Eventually.ReturnsAsync(() => Task.FromResult(condition()), done => done, Patience);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
