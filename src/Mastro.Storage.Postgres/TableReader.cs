using Mastro.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>Reads items of one table (a single match, or one page of matches with their total), and deletes them.</summary>
internal sealed class TableReader<T>(PostgresDatabase database, string table, string columns, Func<NpgsqlDataReader, T> read)
{
    /// <summary>The first row matching <paramref name="filter"/>, or null.</summary>
    public Task<T?> FindAsync(SqlFilter filter, CancellationToken cancellationToken) =>
        database.RunAsync(async () => (await ReadRowsAsync(filter, "LIMIT 1", cancellationToken)).FirstOrDefault());

    /// <summary>Every row matching <paramref name="filter"/>, in no particular order: for filters that match a few rows.</summary>
    public Task<IReadOnlyList<T>> ReadAllAsync(SqlFilter filter, CancellationToken cancellationToken) =>
        database.RunAsync(() => ReadRowsAsync(filter, "", cancellationToken));

    /// <summary>
    /// One page of the matches in the given order plus their total, in a single round trip
    /// (a batch of a count and a page statement).
    /// </summary>
    public Task<Page<T>> ReadPageAsync(SqlFilter filter, string orderBy, PageRequest page, CancellationToken cancellationToken) =>
        database.RunAsync(async () =>
        {
            await using var batch = database.DataSource.CreateBatch();
            batch.BatchCommands.Add(Statement($"SELECT count(*) FROM {table} WHERE {filter.Condition}", filter.Arguments));
            batch.BatchCommands.Add(Statement(
                $"SELECT {columns} FROM {table} WHERE {filter.Condition} ORDER BY {orderBy} LIMIT @page_limit OFFSET @page_skip",
                [.. filter.Arguments, .. PageArguments(page)]));

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var total = reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            return page.ToPage(await reader.ReadAllAsync(read, cancellationToken), total);
        });

    /// <summary>
    /// One page and the total from one <paramref name="statement"/>, for a page that costs less found together with
    /// its total than apart. The statement takes <paramref name="arguments"/>, <c>@page_limit</c> and
    /// <c>@page_skip</c>; each of its rows is an item's columns and then the total, in page order. An empty page is
    /// one row whose first column is null.
    /// </summary>
    public Task<Page<T>> ReadCountedPageAsync(string statement, IEnumerable<SqlArgument> arguments, PageRequest page, CancellationToken cancellationToken) =>
        database.RunAsync(async () =>
        {
            await using var command = database.DataSource.CreateCommand(statement);
            command.Parameters.AddRange(Parameters([.. arguments, .. PageArguments(page)]));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var items = new List<T>();
            var total = 0L;
            while (await reader.ReadAsync(cancellationToken))
            {
                total = reader.GetInt64(reader.FieldCount - 1);
                if (!reader.IsDBNull(0)) items.Add(read(reader));
            }
            return page.ToPage(items, total);
        });

    /// <summary>Deletes the rows matching <paramref name="filter"/>; false when there were none.</summary>
    public Task<bool> DeleteAsync(SqlFilter filter, CancellationToken cancellationToken) =>
        database.RunAsync(async () =>
        {
            await using var command = database.DataSource.CreateCommand($"DELETE FROM {table} WHERE {filter.Condition}");
            command.Parameters.AddRange(Parameters(filter.Arguments));
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        });

    private async Task<IReadOnlyList<T>> ReadRowsAsync(SqlFilter filter, string limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {columns} FROM {table} WHERE {filter.Condition} {limit}");
        command.Parameters.AddRange(Parameters(filter.Arguments));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAllAsync(read, cancellationToken);
    }

    private static NpgsqlBatchCommand Statement(string sql, IEnumerable<SqlArgument> arguments)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(Parameters(arguments));
        return command;
    }

    private static SqlArgument[] PageArguments(PageRequest page) =>
    [
        new("page_limit", page.Limit, NpgsqlDbType.Integer),
        new("page_skip", page.Skip, NpgsqlDbType.Bigint),
    ];

    private static NpgsqlParameter[] Parameters(IEnumerable<SqlArgument> arguments) =>
        arguments.Select(argument => argument.ToParameter()).ToArray();
}
