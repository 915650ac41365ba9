using System.Data;
using Mastro.Core.Storage;
using Mastro.Core.Validation;
using Npgsql;

namespace Mastro.Storage.Postgres;

/// <summary>
/// The connection pool plus the error handling every store operation shares: unreachable server →
/// <see cref="StoreUnavailableException"/>, colliding transactions → retried.
/// </summary>
internal sealed class PostgresDatabase(NpgsqlDataSource dataSource, string description) : IAsyncDisposable
{
    private const int MaxAttempts = 4;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>Runs one operation, reporting an unreachable server as <see cref="StoreUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (PostgresFailures.IsUnavailable(exception))
        {
            throw Unavailable(exception);
        }
    }

    public Task RunAsync(Func<Task> operation) => RunAsync(async () => { await operation(); return true; });

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, committed only if it returns. A transaction that
    /// collides with another (serialization failure, deadlock) is run again a few times, then reported as
    /// <see cref="StoreUnavailableException"/> (the client may retry later); every collision is counted.
    /// </summary>
    /// <param name="isolation">
    /// READ COMMITTED by default. REPEATABLE READ for work that reads and then writes what it read: a concurrent
    /// write to those rows then makes it collide (and run again on fresh data) instead of being overwritten.
    /// </param>
    public Task InTransactionAsync(
        Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted) =>
        RunAsync(async () =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
                    await work(connection, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return;
                }
                catch (Exception exception) when (PostgresFailures.CollisionReason(exception) is { } reason)
                {
                    StoreMetrics.CountCollision(reason);
                    if (attempt == MaxAttempts)
                        throw new StoreUnavailableException(
                            $"PostgreSQL store {description} is busy: the transaction collided with concurrent ones {MaxAttempts} times ({reason})", exception);
                    // Back off a little, more each time, so the colliding transactions do not meet again at once.
                    await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt * attempt + Random.Shared.Next(20)), cancellationToken);
                }
                catch (Exception exception) when (PostgresFailures.IsUnstorableText(exception))
                {
                    throw new ValidationFailedException(["text must not contain NUL characters (\\u0000)"]);
                }
            }
        });

    /// <summary>Answers a trivial query or throws <see cref="StoreUnavailableException"/>, whatever the reason.</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw Unavailable(exception);
        }
    }

    // The description and Npgsql's messages name host, port, database and user, never the password.
    private StoreUnavailableException Unavailable(Exception exception) =>
        new($"PostgreSQL store {description} is unavailable: {exception.Message}", exception);

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
