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

    /// <summary>Counts the selection and reads one page of it (within the caller's read transaction).</summary>
    public async Task<Page<T>> ReadPageAsync<T>(
        SqliteConnection connection, string columns, Func<SqliteDataReader, T> read, PageRequest page,
        CancellationToken cancellationToken)
    {
        await using var count = Command(connection, $"SELECT count(*) FROM {CountFrom ?? From}");
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        if (total <= page.Skip)
            return page.ToPage<T>([], total);

        await using var select = Command(connection, $"SELECT {columns} FROM {From} ORDER BY {OrderBy} LIMIT $limit OFFSET $skip");
        select.Parameters.AddWithValue("$limit", page.Limit);
        select.Parameters.AddWithValue("$skip", page.Skip);
        var items = new List<T>(page.Limit);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            items.Add(read(reader));
        return page.ToPage(items, total);
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in Parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
