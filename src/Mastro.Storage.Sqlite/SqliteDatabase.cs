using System.Runtime.CompilerServices;
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

    /// <summary>
    /// The single writer's own connection, kept open between writes (and outside the pool) so that its page cache
    /// stays warm; replaced after any failure. Guarded by <see cref="_writeLock"/>.
    /// </summary>
    private SqliteConnection? _writer;

    /// <summary>
    /// The writer's page cache (SQLite's default is 2 MB): bulk upserts into a catalogue of 1M assets insert at random
    /// places in six B-trees (name, tags, labels, dependencies, text index), and with the default cache most of those
    /// pages are read back from the OS for every batch: 71 → 32 µs per asset row upsert, 28 → 16 µs for its tag,
    /// label and dependency rows (bench/, 20k assets into 1.2M).
    /// </summary>
    public const int WriterCacheKibibytes = 64 * 1024;

    /// <summary>
    /// The page cache of each pooled reader (SQLite's default is 2 MB). Ranking a search over 1M assets looks up the
    /// length row of each of the 1,000 newest matches and walks every query word's whole match list (bm25's word
    /// frequencies); with 2 MB, most of those pages came back from the OS on every search, a third of the ranking's
    /// time (docs/PERFORMANCE.md, fix 22). The kept single-statement readers (<see cref="SqlitePreparedReaders"/>)
    /// keep the default: they read a few pages at random places of a large file, which no cache of this size holds.
    /// </summary>
    public const int ReaderCacheKibibytes = 32 * 1024;

    /// <summary>
    /// Pooled readers open at once, at most: this bounds their caches (<see cref="ReaderCacheKibibytes"/> each, so
    /// 128 MiB on a 2-core machine); a read beyond it waits for one to finish.
    /// </summary>
    internal static readonly int MaxConcurrentReaders = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly SemaphoreSlim _readers = new(MaxConcurrentReaders, MaxConcurrentReaders);

    /// <summary>Pooled connections whose cache is sized already: the pool hands out the same handle again.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _sizedReaders = new();
    private static readonly object Sized = new();

    private readonly SqlitePreparedReaders _preparedReaders;
    private readonly SqliteCheckpointer _checkpointer;

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
        _preparedReaders = new SqlitePreparedReaders(_connectionString, _busyTimeoutMilliseconds);
        _checkpointer = new SqliteCheckpointer(OpenCheckpointerAsync);
    }

    /// <summary>Runs <paramref name="read"/> in a read transaction, so that all its queries see one snapshot.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken) =>
        TranslateFailures(() => WithReaderAsync(async connection =>
        {
            await using var transaction = connection.BeginTransaction(deferred: true);
            return await read(connection);
        }, cancellationToken));

    /// <summary>
    /// Runs one read statement on a kept connection where it stays prepared (<see cref="SqlitePreparedReaders"/>), without
    /// a transaction: for hot single-statement reads. <paramref name="sql"/> must be constant text with <c>$</c> parameters.
    /// </summary>
    public Task<T> ReadPreparedAsync<T>(
        string sql, IReadOnlyList<KeyValuePair<string, object>> parameters, Func<SqliteDataReader, Task<T>> read,
        CancellationToken cancellationToken) =>
        TranslateFailures(() => _preparedReaders.ReadAsync(sql, parameters, read, cancellationToken));

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
                var connection = _writer ??= await OpenWriterAsync(cancellationToken);
                await using var transaction = connection.BeginTransaction(deferred: false);
                await write(connection);
                cancellationToken.ThrowIfCancellationRequested();
                await transaction.CommitAsync(cancellationToken);
                _checkpointer.Request();
                return true;
            }
            catch
            {
                // Whatever failed (a lock held too long, a vanished file), the next write starts from a fresh connection.
                await DisposeWriterAsync();
                throw;
            }
            finally
            {
                _writeLock.Release();
            }
        });

    /// <summary>Runs one statement outside any transaction (pragmas that a transaction forbids).</summary>
    public Task<object?> ExecuteScalarAsync(string sql, CancellationToken cancellationToken) =>
        TranslateFailures(() => WithReaderAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken));

    /// <summary>Runs <paramref name="use"/> on a pooled connection with its cache sized, within the readers' bound.</summary>
    private async Task<T> WithReaderAsync<T>(Func<SqliteConnection, Task<T>> use, CancellationToken cancellationToken)
    {
        await _readers.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await SizeReaderCacheAsync(connection, cancellationToken);
            return await use(connection);
        }
        finally
        {
            _readers.Release();
        }
    }

    private async Task SizeReaderCacheAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var handle = connection.Handle!;
        if (_sizedReaders.TryGetValue(handle, out _)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = -{ReaderCacheKibibytes}";
        await command.ExecuteNonQueryAsync(cancellationToken);
        _sizedReaders.AddOrUpdate(handle, Sized);
    }

    /// <summary>
    /// The writer's connection, with its cache. Every commit is fsynced before the write is acknowledged, so an acknowledged write survives a power loss or
    /// OS crash, not only a crash of Mastro. That costs 1.4–2 ms per commit on the bench machine; NORMAL (sync at
    /// checkpoints only) would be ~50× cheaper for small writes but may lose the last acknowledged commits
    /// (docs/PERFORMANCE.md, docs/RELIABILITY.md). Bulk writes amortise the fsync over their batch.
    /// </summary>
    private Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken) =>
        // SQLite's own checkpoint only as a backstop: SqliteCheckpointer copies the log back after commits.
        OpenUnpooledAsync($"PRAGMA synchronous = FULL; PRAGMA cache_size = -{WriterCacheKibibytes}; " +
                          $"PRAGMA wal_autocheckpoint = {SqliteCheckpointer.WriterBackstopPages}", cancellationToken);

    /// <summary>
    /// The checkpointer's connection, with synchronous stated rather than assumed: a checkpoint fsyncs the database
    /// file before the log may be reused only when synchronous is not OFF.
    /// </summary>
    private Task<SqliteConnection> OpenCheckpointerAsync(CancellationToken cancellationToken) =>
        OpenUnpooledAsync("PRAGMA synchronous = FULL", cancellationToken);

    private async Task DisposeWriterAsync()
    {
        if (_writer is null) return;
        await _writer.DisposeAsync();
        _writer = null;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => OpenAsync(_connectionString, cancellationToken);

    /// <summary>
    /// A connection outside the readers' pool with <paramref name="pragmas"/> run on it, for the writer and the
    /// checkpointer: their settings (and the writer's large cache) must not end up in a reader's hands.
    /// </summary>
    private async Task<SqliteConnection> OpenUnpooledAsync(string pragmas, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString(), cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
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
        // Closes the kept and pooled connections, which releases the file (and its -wal/-shm companions).
        _preparedReaders.Dispose();
        await _checkpointer.DisposeAsync();
        await DisposeWriterAsync();
        await using (var connection = new SqliteConnection(_connectionString))
            SqliteConnection.ClearPool(connection);
        _writeLock.Dispose();
        _readers.Dispose();
    }
}
