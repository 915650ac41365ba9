using Mastro.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>Reads items of one table: a single match, or one page of matches with their total.</summary>
internal sealed record TableReader<T>(string Table, string Columns, Func<NpgsqlDataReader, T> Read)
{
    /// <summary>The first row matching <paramref name="filter"/>, or null.</summary>
    public async Task<T?> FindAsync(NpgsqlDataSource dataSource, SqlFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {Table} WHERE {filter.Condition} LIMIT 1");
        command.Parameters.AddRange(Parameters(filter.Arguments));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : default;
    }

    /// <summary>
    /// One page of the matches in the given order plus their total, in a single round trip
    /// (a batch of a count and a page statement).
    /// </summary>
    public async Task<Page<T>> ReadPageAsync(
        NpgsqlDataSource dataSource, SqlFilter filter, string orderBy, PageRequest page, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Statement($"SELECT count(*) FROM {Table} WHERE {filter.Condition}", filter.Arguments));
        batch.BatchCommands.Add(Statement(
            $"SELECT {Columns} FROM {Table} WHERE {filter.Condition} ORDER BY {orderBy} LIMIT @page_limit OFFSET @page_skip",
            [.. filter.Arguments,
                new SqlArgument("page_limit", page.Limit, NpgsqlDbType.Integer),
                new SqlArgument("page_skip", page.Skip, NpgsqlDbType.Bigint)]));

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
            items.Add(Read(reader));
        return page.ToPage(items, total);
    }

    private static NpgsqlBatchCommand Statement(string sql, IEnumerable<SqlArgument> arguments)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(Parameters(arguments));
        return command;
    }

    private static NpgsqlParameter[] Parameters(IEnumerable<SqlArgument> arguments) =>
        arguments.Select(argument => argument.ToParameter()).ToArray();
}
