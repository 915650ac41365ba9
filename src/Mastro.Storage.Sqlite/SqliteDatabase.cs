using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Connections to one SQLite file: pooled connections for readers, and one writer at a time.
/// SQLite allows a single writer per file; queuing writers here (instead of letting them spin on
/// SQLITE_BUSY) keeps writes fair and leaves the busy timeout for other processes sharing the file.
/// </summary>
internal sealed class SqliteDatabase : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteDatabase(string path, TimeSpan busyTimeout)
    {
        _busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            // Microsoft.Data.Sqlite retries a busy statement until this many seconds have passed.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>Runs <paramref name="read"/> in a read transaction, so that all its queries see one snapshot.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken) =>
        TranslateFailures(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: true);
            return await read(connection);
        });

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction (BEGIN IMMEDIATE) that commits only if it
    /// completes: a failure or cancellation anywhere inside leaves the database unchanged.
    /// </summary>
    public Task WriteAsync(Func<SqliteConnection, Task> write, CancellationToken cancellationToken) =>
        TranslateFailures(async () =>
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                await UseDurableCommitsAsync(connection, cancellationToken);
                await using var transaction = connection.BeginTransaction(deferred: false);
                await write(connection);
                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            finally
            {
                _writeLock.Release();
            }
        });

    /// <summary>Runs one statement outside any transaction (pragmas that a transaction forbids).</summary>
    public Task<object?> ExecuteScalarAsync(string sql, CancellationToken cancellationToken) =>
        TranslateFailures(async () =>
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        });

    /// <summary>
    /// Every commit is fsynced before the write is acknowledged, so an acknowledged write survives a power loss or
    /// OS crash, not only a crash of Mastro. That costs 1.4–2 ms per commit on the bench machine; NORMAL (sync at
    /// checkpoints only) would be ~50× cheaper for small writes but may lose the last acknowledged commits
    /// (docs/PERFORMANCE.md, docs/RELIABILITY.md). Bulk writes amortise the fsync over their batch.
    /// </summary>
    private static async Task UseDurableCommitsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = FULL";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // Pooled connections keep their busy timeout, but there is no telling a fresh one apart: set it every time.
            // Through the C API rather than a PRAGMA statement, which would cost a prepare and a step on every read.
            SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, _busyTimeoutMilliseconds);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<T> TranslateFailures<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (SqliteException e) when (IsUnavailable(e))
        {
            throw new StoreUnavailableException($"SQLite database unavailable: {e.Message}", e);
        }
    }

    /// <summary>Failures that say "not now" (locked for too long, cannot open, disk trouble) rather than "wrong request".</summary>
    private static bool IsUnavailable(SqliteException e) =>
        (e.SqliteErrorCode & 0xFF) is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED
            or SQLitePCL.raw.SQLITE_CANTOPEN or SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_FULL;

    public async ValueTask DisposeAsync()
    {
        // Closes the pooled connections, which releases the file (and its -wal/-shm companions).
        await using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _writeLock.Dispose();
    }
}
