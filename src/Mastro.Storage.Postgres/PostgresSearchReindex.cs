using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>
/// Brings every stored search vector to what <see cref="PostgresSearchVector"/> writes (migration 5): vectors
/// written before came from <c>to_tsvector</c>, which cut some words apart, and queries now look words up whole.
/// Runs in the migration's transaction, a page of rows at a time in id order. Only rows whose words differ are
/// written (<c>strip</c> compares the words alone: positions differ anyway, as labels read back from jsonb come
/// in another order than they were written in). Most rows hold no word the old parser cut, and rewriting every
/// row made the upgrade of 1M assets take 104 s (docs/PERFORMANCE.md, fix 29), while the replicas wait for it.
/// </summary>
internal static class PostgresSearchReindex
{
    private const int PageSize = 1000;

    public static async Task RunAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await RewriteAsync(connection, "assets", PostgresAssetStore.Columns,
            reader => SearchDocuments.For(PostgresAssetStore.Read(reader).ToAsset()), cancellationToken);
        await RewriteAsync(connection, VersionedSetKinds.FeatureSets.Name, PostgresVersionedSetStore<FeatureSet>.Columns,
            reader => SearchDocuments.For(PostgresVersionedSetStore<FeatureSet>.ReadHeader(reader)), cancellationToken);
        await RewriteAsync(connection, VersionedSetKinds.MetricSets.Name, PostgresVersionedSetStore<MetricSet>.Columns,
            reader => SearchDocuments.For(PostgresVersionedSetStore<MetricSet>.ReadHeader(reader)), cancellationToken);
    }

    /// <param name="columns">What <paramref name="document"/> reads, from ordinal 0; the id is read after them.</param>
    private static async Task RewriteAsync(
        NpgsqlConnection connection, string table, string columns, Func<NpgsqlDataReader, SearchDocument> document,
        CancellationToken cancellationToken)
    {
        var quoted = SqlIdentifier.Quote(table);
        var after = 0L;
        while (true)
        {
            var ids = new List<long>(PageSize);
            var vectors = new List<string>(PageSize);
            await using (var select = new NpgsqlCommand($"SELECT {columns}, id FROM {quoted} WHERE id > @after ORDER BY id LIMIT {PageSize}", connection))
            {
                select.Parameters.Add(new NpgsqlParameter<long>("after", after));
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetInt64(reader.FieldCount - 1));
                    vectors.Add(PostgresSearchVector.Literal(document(reader)));
                }
            }
            if (ids.Count == 0) return;

            await using var update = new NpgsqlCommand(
                $"""
                UPDATE {quoted} SET search = page.search
                FROM (SELECT id, search::tsvector AS search FROM unnest(@ids, @vectors) AS given(id, search)) page
                WHERE {quoted}.id = page.id AND strip({quoted}.search) <> strip(page.search)
                """,
                connection);
            update.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = ids.ToArray() });
            update.Parameters.Add(new NpgsqlParameter("vectors", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = vectors.ToArray() });
            await update.ExecuteNonQueryAsync(cancellationToken);
            after = ids[^1];
        }
    }
}
