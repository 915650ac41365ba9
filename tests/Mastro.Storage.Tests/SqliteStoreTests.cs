using Mastro.Core.Config;
using Mastro.Core.Storage;
using Mastro.Storage.Sqlite;
using Mastro.Testing;
using Microsoft.Data.Sqlite;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>What only the SQLite store does: its file, journal mode, migration bookkeeping and failure mapping.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private static readonly CancellationToken NoCancellation = CancellationToken.None;

    private readonly TempDirectory _directory = new();

    private string DatabasePath => _directory.File("mastro.db");

    private static SqliteStore Open(string path, TimeSpan? busyTimeout = null) =>
        SqliteStore.Open(new SqliteStoreSettings(path), busyTimeout);

    /// <summary>A plain connection to the file, to look at it or hold its lock from "another process".</summary>
    private SqliteConnection RawConnection()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = RawConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Open_creates_missing_directories_and_migrate_creates_the_file()
    {
        var path = _directory.File(Path.Combine("nested", "deeper", "mastro.db"));

        await using var store = Open(path);
        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
        await store.MigrateAsync(NoCancellation);

        Assert.True(File.Exists(path));
        Assert.Equal("sqlite", store.Backend);
    }

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        string setId;
        await using (var store = Open(DatabasePath))
        {
            await store.MigrateAsync(NoCancellation);
            await store.Assets.UpsertAsync([FullAsset("orders")], NoCancellation);
            setId = await store.MetricSets.InsertAsync(new() { Name = "quality", Version = "v1", InsertedAt = SomeTime }, NoCancellation);
        }

        await using (var reopened = Open(DatabasePath))
        {
            await reopened.MigrateAsync(NoCancellation);
            TestDataAssert.SameAsset(FullAsset("orders"), await reopened.Assets.FindAsync("orders", NoCancellation));
            Assert.Equal(["orders"], TestDataAssert.Names(await reopened.Assets.SearchAsync(Query("orders"), All, NoCancellation)));
            Assert.Equal("quality", (await reopened.MetricSets.FindByIdAsync(setId, NoCancellation))?.Name);
        }
    }

    [Fact]
    public async Task The_database_uses_write_ahead_logging()
    {
        await using var store = Open(DatabasePath);
        await store.MigrateAsync(NoCancellation);

        Assert.Equal("wal", await ScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Every_migration_is_recorded_once()
    {
        await using (var store = Open(DatabasePath))
        {
            await store.MigrateAsync(NoCancellation);
            await store.MigrateAsync(NoCancellation);
        }
        await using (var reopened = Open(DatabasePath))
            await reopened.MigrateAsync(NoCancellation);

        Assert.NotEmpty(SqliteMigrations.All);
        Assert.Equal(SqliteMigrations.All.Count, await ScalarAsync<long>("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(SqliteMigrations.All.Count, await ScalarAsync<long>("SELECT count(DISTINCT version) FROM schema_migrations"));
        Assert.Equal(SqliteMigrations.All[^1].Version, await ScalarAsync<long>("SELECT max(version) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_mastro_is_refused()
    {
        await using var store = Open(DatabasePath);
        await store.MigrateAsync(NoCancellation);
        await ScalarAsync<long>("INSERT INTO schema_migrations (version, applied_at) VALUES (9999, 0) RETURNING version");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.MigrateAsync(NoCancellation));

        Assert.Contains("9999", error.Message);
    }

    [Fact]
    public async Task A_database_locked_for_too_long_is_reported_unavailable()
    {
        await using var store = Open(DatabasePath, busyTimeout: TimeSpan.FromMilliseconds(200));
        await store.MigrateAsync(NoCancellation);
        await using (var other = RawConnection())
        await using (var lockHolder = other.BeginTransaction(deferred: false))
        {
            await Assert.ThrowsAsync<StoreUnavailableException>(
                () => store.Assets.UpsertAsync([Asset("blocked")], NoCancellation));
        }

        await store.Assets.UpsertAsync([Asset("after the lock")], NoCancellation);
        Assert.Equal(["after the lock"], TestDataAssert.Names(await store.Assets.ListAsync(All, NoCancellation)));
    }

    [Fact]
    public async Task A_file_that_cannot_be_opened_is_reported_unavailable()
    {
        Directory.CreateDirectory(DatabasePath);
        await using var store = Open(DatabasePath);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.PingAsync(NoCancellation));
        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.MigrateAsync(NoCancellation));
    }

    [Fact]
    public void A_directory_that_cannot_be_created_is_reported_unavailable()
    {
        var file = _directory.File("a-file");
        File.WriteAllText(file, "not a directory");

        Assert.Throws<StoreUnavailableException>(() => Open(Path.Combine(file, "mastro.db")));
    }

    public void Dispose() => _directory.Dispose();
}
