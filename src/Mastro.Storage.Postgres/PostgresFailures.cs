using System.Net.Sockets;
using Npgsql;

namespace Mastro.Storage.Postgres;

/// <summary>Sorts PostgreSQL errors into "the server cannot be reached", "retry the transaction" and the rest.</summary>
internal static class PostgresFailures
{
    /// <summary>The server is down, shutting down, refusing connections or the connection broke.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown
                or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow
                or PostgresErrorCodes.TooManyConnections,
        // Npgsql marks socket, I/O and timeout failures (connect, pool exhausted, broken connection) as transient.
        NpgsqlException npgsql => npgsql.IsTransient,
        SocketException => true,
        _ => false,
    };

    /// <summary>
    /// How concurrent transactions collided (<c>deadlock</c>, <c>serialization_failure</c>), or null for any other
    /// failure. After a collision, running the same transaction again will likely succeed.
    /// </summary>
    public static string? CollisionReason(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected } => "deadlock",
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure } => "serialization_failure",
        _ => null,
    };

    /// <summary>
    /// Text PostgreSQL cannot store (a NUL character, which text and jsonb reject). Such input is the client's
    /// mistake, not a server failure.
    /// </summary>
    public static bool IsUnstorableText(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter };
}
