using Mastro.Core.Model;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// The rows of one listing: <see cref="From"/> is everything after <c>FROM</c> (tables, joins, <c>WHERE</c>),
/// with the main table aliased <c>t</c>; <see cref="OrderBy"/> makes the order total so pages never overlap.
/// </summary>
internal sealed record SqliteSelection(string From, string OrderBy, IReadOnlyDictionary<string, object> Parameters)
{
    public static readonly IReadOnlyDictionary<string, object> NoParameters = new Dictionary<string, object>();

    /// <summary>A cheaper <c>FROM</c> that counts the same rows, when there is one (<see cref="From"/> otherwise).</summary>
    public string? CountFrom { get; init; }

    /// <summary>
    /// A parameter that a query of the other parameters computes first, in the same read transaction (and, when the
    /// query knows it, the selection's count).
    /// </summary>
    public SqliteComputedParameter? Computed { get; init; }

    /// <summary>
    /// When the selection ranks a window of the newest matches, what its page tells about that window, so that the
    /// total is found after the page rather than before it.
    /// </summary>
    public SqliteRankedWindow? Window { get; init; }

    /// <summary>Counts the selection and reads one page of it (within the caller's read transaction).</summary>
    public async Task<Page<T>> ReadPageAsync<T>(
        SqliteConnection connection, string columns, Func<SqliteDataReader, T> read, PageRequest page,
        CancellationToken cancellationToken)
    {
        var (parameters, knownTotal) = await ParametersAsync(connection, cancellationToken);
        // A ranked window's page tells how many matches the window holds: the count waits for the page.
        var window = knownTotal is null ? Window : null;
        var total = knownTotal ?? (window is null ? await CountAsync(connection, CountFrom ?? From, parameters, cancellationToken) : null);
        if (total <= page.Skip)
            return page.ToPage<T>([], total.Value);

        var windowColumns = window is null ? "" : $", {window.Columns}";
        await using var select = Command(connection, $"SELECT {columns}{windowColumns} FROM {From} ORDER BY {OrderBy} LIMIT $limit OFFSET $skip", parameters);
        select.Parameters.AddWithValue("$limit", page.Limit);
        select.Parameters.AddWithValue("$skip", page.Skip);
        var items = new List<T>(page.Limit);
        (long Matches, long Oldest)? windowSeen = null;
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(read(reader));
                if (window is not null) windowSeen = (reader.GetInt64(reader.FieldCount - 2), reader.GetInt64(reader.FieldCount - 1));
            }
        }
        total ??= await WindowTotalAsync(connection, window!, windowSeen, parameters, cancellationToken);
        return page.ToPage(items, total.Value);
    }

    /// <summary>All matches of a ranked search, from what its page told about the window.</summary>
    private async Task<long> WindowTotalAsync(
        SqliteConnection connection, SqliteRankedWindow window, (long Matches, long Oldest)? seen,
        IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken) =>
        seen switch
        {
            // A page past every match tells nothing about the window: count them all.
            null => await CountAsync(connection, CountFrom ?? From, parameters, cancellationToken),
            var (matches, _) when matches < window.Size => matches,
            var (_, oldest) => window.Size + await CountAsync(
                connection, window.OlderFrom, new Dictionary<string, object>(parameters) { ["$oldest"] = oldest }, cancellationToken),
        };

    private async Task<(IReadOnlyDictionary<string, object> Parameters, long? Total)> ParametersAsync(
        SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (Computed is null) return (Parameters, null);
        await using var compute = Command(connection, Computed.Sql, Parameters);
        await using var reader = await compute.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var parameters = new Dictionary<string, object>(Parameters) { [Computed.Name] = reader.GetValue(0) };
        return (parameters, reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    private static async Task<long> CountAsync(
        SqliteConnection connection, string from, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        await using var count = Command(connection, $"SELECT count(*) FROM {from}", parameters);
        return (long)(await count.ExecuteScalarAsync(cancellationToken))!;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IReadOnlyDictionary<string, object> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}

/// <summary>
/// The parameter <see cref="Name"/>, set to the first value of the one row that <see cref="Sql"/> selects; its second
/// value is the selection's count, or NULL when the count must run.
/// </summary>
internal sealed record SqliteComputedParameter(string Name, string Sql);

/// <summary>
/// A search that ranks only the newest <see cref="Size"/> matches (<see cref="SqliteIndexedTable.Matching"/>): every row
/// of its page also carries, in <see cref="Columns"/>, how many matches the window holds and its oldest rowid. The
/// total is then that number when the window is not full, or <see cref="Size"/> plus the matches older than the
/// window (<see cref="OlderFrom"/>, with <c>$oldest</c>): the matches are walked once, not once to count them all and
/// again for the window (docs/PERFORMANCE.md, fix 23).
/// </summary>
internal sealed record SqliteRankedWindow(int Size, string Columns, string OlderFrom);
