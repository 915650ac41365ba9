using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Connections kept open for single-statement reads, each keeping the statements it has run prepared, for the
/// hottest reads (an asset by name). A pooled connection opened per read prepares its statement again every time and
/// runs three more (the <c>foreign_keys</c> pragma, BEGIN and ROLLBACK): 28 µs of CPU per asset read on the bench
/// machine, against 12 µs on a kept connection with the statement already prepared (docs/PERFORMANCE.md).
/// </summary>
/// <remarks>
/// No transaction is needed: one statement reads one snapshot. An idle connection holds no read transaction (the
/// statement is reset when its reader is disposed), so it never holds back a WAL checkpoint. Statements are keyed by
/// their SQL, so callers pass constant SQL text with <c>$</c> parameters.
/// </remarks>
internal sealed class SqlitePreparedReaders(string connectionString, int busyTimeoutMilliseconds) : IDisposable
{
    /// <summary>Idle connections kept for reuse; under more concurrent reads, extra ones are opened and closed after use.</summary>
    private static readonly int MaxIdle = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly Lock _lock = new();
    private readonly Stack<PreparedConnection> _idle = new();
    private bool _disposed;

    public async Task<T> ReadAsync<T>(
        string sql, IReadOnlyList<KeyValuePair<string, object>> parameters, Func<SqliteDataReader, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var connection = Rent();
        var reusable = false;
        try
        {
            var command = connection.Command(sql);
            foreach (var (name, value) in parameters)
            {
                if (command.Parameters.Contains(name)) command.Parameters[name].Value = value;
                else command.Parameters.AddWithValue(name, value);
            }
            T result;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                result = await read(reader);
            reusable = true;
            return result;
        }
        finally
        {
            // After a failure the connection's state is unknown: it is closed rather than reused.
            if (!reusable || !TryReturn(connection)) connection.Dispose();
        }
    }

    private PreparedConnection Rent()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idle.TryPop(out var idle)) return idle;
        }
        return PreparedConnection.Open(connectionString, busyTimeoutMilliseconds);
    }

    private bool TryReturn(PreparedConnection connection)
    {
        lock (_lock)
        {
            if (_disposed || _idle.Count >= MaxIdle) return false;
            _idle.Push(connection);
            return true;
        }
    }

    /// <summary>Closes the idle connections; those in use are closed when their read ends.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection)) connection.Dispose();
        }
    }

    private sealed class PreparedConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public static PreparedConnection Open(string connectionString, int busyTimeoutMilliseconds)
        {
            // Not from the driver's pool: this connection is kept open here, and must really close when disposed.
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            try
            {
                connection.Open();
                SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, busyTimeoutMilliseconds);
                return new PreparedConnection(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>The command for <paramref name="sql"/>, prepared on first use.</summary>
        public SqliteCommand Command(string sql)
        {
            if (_commands.TryGetValue(sql, out var command)) return command;
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            _commands[sql] = command;
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values) command.Dispose();
            connection.Dispose();
        }
    }
}
