using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Mastro.Storage.Postgres;

/// <summary>
/// Feature sets or metric sets, in the table named after <see cref="VersionedSetKind{TSet}.Name"/>. Lists are
/// newest first; sets inserted in the same microsecond are told apart by id (later insert first).
/// </summary>
internal sealed class PostgresVersionedSetStore<TSet> : IVersionedSetStore<TSet> where TSet : IVersionedSet
{
    private const string NewestFirst = "inserted_at DESC, id DESC";

    /// <summary>The columns <see cref="ReadHeader"/> and <see cref="Read"/> read, in order.</summary>
    internal const string Columns = "name, version, description, labels, inserted_at, payload";

    private readonly PostgresDatabase _database;
    private readonly VersionedSetKind<TSet> _kind;
    private readonly string _table;
    private readonly TableReader<TSet> _rows;

    public PostgresVersionedSetStore(PostgresDatabase database, VersionedSetKind<TSet> kind)
    {
        _database = database;
        _kind = kind;
        _table = SqlIdentifier.Quote(kind.Name);
        _rows = new TableReader<TSet>(database, _table, Columns, Read);
    }

    public async Task<string> InsertAsync(TSet set, CancellationToken cancellationToken)
    {
        // Version 7 ids are time-ordered, so the unique index on public_id grows at its end, like the identity.
        var id = Guid.CreateVersion7().ToString("N");
        var search = PostgresSearchVector.Literal(SearchDocuments.For(set));
        await _database.InTransactionAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(
                $"""
                INSERT INTO {_table} (public_id, name, version, description, labels, inserted_at, payload, search)
                VALUES (@public_id, @name, @version, @description, @labels, @inserted_at, @payload,
                        @search::tsvector)
                """, connection);
            command.Parameters.AddRange((NpgsqlParameter[])
            [
                new NpgsqlParameter<string>("public_id", id),
                new NpgsqlParameter<string>("name", set.Name),
                new NpgsqlParameter<string>("version", set.Version),
                new NpgsqlParameter<string>("description", set.Description),
                new NpgsqlParameter<string>("labels", NpgsqlDbType.Jsonb) { TypedValue = VersionedSetKind<TSet>.SerializeLabels(set) },
                new NpgsqlParameter<DateTimeOffset>("inserted_at", set.InsertedAt.ToUniversalTime()),
                new NpgsqlParameter<string>("payload", NpgsqlDbType.Json) { TypedValue = _kind.SerializePayload(set) },
                new NpgsqlParameter<string>("search", search),
            ]);
            await command.ExecuteNonQueryAsync(token);
        }, cancellationToken);
        return id;
    }

    /// <summary>Ids are opaque text: one that was never handed out, well-formed or not, finds nothing.</summary>
    public Task<TSet?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        _rows.FindAsync(SqlFilters.Equal("public_id", id), cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        _rows.DeleteAsync(SqlFilters.Equal("public_id", id), cancellationToken);

    public Task<Page<TSet>> FindByNameAsync(string name, PageRequest page, CancellationToken cancellationToken) =>
        _rows.ReadPageAsync(SqlFilters.Equal("name", name), NewestFirst, page, cancellationToken);

    public Task<Page<TSet>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        _rows.ReadPageAsync(SqlFilters.Labels("labels", filter), NewestFirst, page, cancellationToken);

    public Task<Page<TSet>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
        _rows.ReadPageAsync(SqlFilters.Search(query), $"{SqlFilters.SearchRank}, {NewestFirst}", page, cancellationToken);

    public Task<Page<TSet>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        _rows.ReadPageAsync(SqlFilter.All, NewestFirst, page, cancellationToken);

    private TSet Read(NpgsqlDataReader reader) => _kind.Create(ReadHeader(reader), reader.GetString(5));

    /// <summary>The columns before the payload: what every kind of set has.</summary>
    internal static VersionedSetHeader ReadHeader(NpgsqlDataReader reader) => new(
        Name: reader.GetString(0),
        Version: reader.GetString(1),
        Description: reader.GetString(2),
        Labels: VersionedSetKind<TSet>.DeserializeLabels(reader.GetString(3)),
        InsertedAt: reader.GetFieldValue<DateTimeOffset>(4));
}
