using Mastro.Storage.Sqlite;
using Mastro.Testing;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Tests;

/// <summary>The pooled readers of the SQLite store: their page cache, and how many may be open at once.</summary>
public sealed class SqliteReaderTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteDatabase _database;

    public SqliteReaderTests() => _database = new SqliteDatabase(_directory.File("mastro.db"), TimeSpan.FromSeconds(5));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Every_read_has_the_readers_cache_also_on_a_connection_the_pool_hands_out_again()
    {
        for (var read = 0; read < 3; read++)
        {
            var cacheSize = await _database.ReadAsync(connection => ScalarAsync(connection, "PRAGMA cache_size"), CancellationToken.None);
            Assert.Equal(-SqliteDatabase.ReaderCacheKibibytes, cacheSize);
        }
        Assert.Equal(-SqliteDatabase.ReaderCacheKibibytes, (long)(await _database.ExecuteScalarAsync("PRAGMA cache_size", CancellationToken.None))!);
    }

    [Fact]
    public async Task Reads_beyond_the_bound_wait_for_a_reader_and_then_all_complete()
    {
        var reads = 3 * SqliteDatabase.MaxConcurrentReaders;
        var open = 0;
        var mostOpen = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allAdmitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, reads).Select(i => _database.ReadAsync(async connection =>
        {
            var now = Interlocked.Increment(ref open);
            InterlockedMax(ref mostOpen, now);
            if (now == SqliteDatabase.MaxConcurrentReaders) allAdmitted.TrySetResult();
            await release.Task;
            var value = await ScalarAsync(connection, $"SELECT {i}");
            Interlocked.Decrement(ref open);
            return value;
        }, CancellationToken.None)).ToList();

        await allAdmitted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // Give the waiting reads every chance to get in if the bound did not hold.
        await Task.Delay(200);
        Assert.Equal(SqliteDatabase.MaxConcurrentReaders, Volatile.Read(ref open));
        Assert.Equal(SqliteDatabase.MaxConcurrentReaders, Volatile.Read(ref mostOpen));

        release.SetResult();
        var values = await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(Enumerable.Range(0, reads).Select(i => (long)i), values);
        Assert.Equal(SqliteDatabase.MaxConcurrentReaders, mostOpen);
    }

    [Fact]
    public async Task A_read_cancelled_while_waiting_for_a_reader_gives_up_its_place()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allAdmitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var admitted = 0;
        var holding = Enumerable.Range(0, SqliteDatabase.MaxConcurrentReaders)
            .Select(_ => _database.ReadAsync(async _ =>
            {
                if (Interlocked.Increment(ref admitted) == SqliteDatabase.MaxConcurrentReaders) allAdmitted.TrySetResult();
                await release.Task;
                return 0L;
            }, CancellationToken.None)).ToList();
        await allAdmitted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _database.ReadAsync(connection => ScalarAsync(connection, "SELECT 1"), cancellation.Token));

        release.SetResult();
        await Task.WhenAll(holding);
        Assert.Equal(1L, await _database.ReadAsync(connection => ScalarAsync(connection, "SELECT 1"), CancellationToken.None));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen) return;
            seen = previous;
        }
    }
}
