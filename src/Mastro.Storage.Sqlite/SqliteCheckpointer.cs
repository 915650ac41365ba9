using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Copies committed pages from the write-ahead log back into the database file, on its own connection and after
/// the writer's commits, so that the single writer does not have to. SQLite's own checkpoint runs inside the commit
/// that takes the log past 1,000 pages: in the writer's serial section, where the next batch then waits while
/// the pages are copied and fsynced (docs/PERFORMANCE.md, fix 24). A checkpoint does not block the writer or the
/// readers, so here it overlaps the next write.
/// </summary>
/// <remarks>
/// A failed checkpoint is counted (<c>sqlite.checkpoint</c>, outcome <c>error</c>, in
/// <c>mastro_store_operation_duration_seconds</c>) and tried again after the next commit, on a fresh connection.
/// The writer keeps SQLite's own checkpoint at <see cref="WriterBackstopPages"/>, so the log stays bounded even
/// when this one falls behind or keeps failing.
/// </remarks>
internal sealed class SqliteCheckpointer : IAsyncDisposable
{
    /// <summary>The writer's <c>wal_autocheckpoint</c>: ten times SQLite's default, about 40 MB of log.</summary>
    public const int WriterBackstopPages = 10_000;

    /// <summary>Commits within this long of one another share a checkpoint, which bounds them to 50 a second.</summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(20);

    private readonly Func<CancellationToken, Task<SqliteConnection>> _open;
    private readonly SemaphoreSlim _wanted = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;

    /// <param name="open">Opens the checkpointer's connection, which must not run with <c>synchronous = OFF</c>; called at the first checkpoint, not before.</param>
    public SqliteCheckpointer(Func<CancellationToken, Task<SqliteConnection>> open)
    {
        _open = open;
        // A loop for the file's lifetime: it must not keep the ambient context (trace, scope) of whoever opened the store.
        using (ExecutionContext.SuppressFlow())
            _running = Task.Run(RunAsync);
    }

    /// <summary>Asks for a checkpoint soon. Called by the writer after each commit, so never by two threads at once.</summary>
    public void Request()
    {
        if (_wanted.CurrentCount == 0)
            _wanted.Release();
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                await _wanted.WaitAsync(stopping);
                await Task.Delay(Gather, stopping);
                try
                {
                    await StoreMetrics.MeasureAsync("sqlite.checkpoint", async () =>
                    {
                        connection ??= await _open(stopping);
                        await CheckpointAsync(connection, stopping);
                    });
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Counted by the metric above (opening included); the next attempt starts from a fresh connection.
                    await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Disposed. Whatever is still in the log is copied when the last connection to the file closes.
        }
        finally
        {
            await (connection?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
    }

    /// <summary>PASSIVE: copies what no reader still needs, without waiting for readers or the writer.</summary>
    private static async Task CheckpointAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _running;
        _stopping.Dispose();
        _wanted.Dispose();
    }
}
