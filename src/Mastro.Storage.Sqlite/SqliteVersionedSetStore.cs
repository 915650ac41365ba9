using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Feature sets or metric sets in SQLite, in the tables named after <see cref="VersionedSetKind{TSet}.Name"/>
/// (<c>featureset</c>, <c>featureset_label</c>, <c>featureset_fts</c>…). The kind turns the payload to and from JSON.
/// </summary>
internal sealed class SqliteVersionedSetStore<TSet> : IVersionedSetStore<TSet> where TSet : IVersionedSet
{
    private const string Columns = "t.name, t.version, t.description, t.labels, t.inserted_at, t.payload";

    private readonly SqliteDatabase _database;
    private readonly VersionedSetKind<TSet> _kind;
    private readonly SqliteIndexedTable _table;

    public SqliteVersionedSetStore(SqliteDatabase database, VersionedSetKind<TSet> kind)
    {
        // The kind's name becomes part of SQL text; it is a constant of the code, but check it stays an identifier.
        if (!kind.Name.All(c => char.IsAsciiLetterLower(c) || c == '_'))
            throw new ArgumentException($"'{kind.Name}' is not a table name", nameof(kind));
        _database = database;
        _kind = kind;
        _table = new SqliteIndexedTable(kind.Name, "set_id", listOrder: "t.inserted_at DESC, t.id DESC");
    }

    public async Task<string> InsertAsync(TSet set, CancellationToken cancellationToken)
    {
        var publicId = Guid.CreateVersion7().ToString("N");
        var labels = VersionedSetKind<TSet>.SerializeLabels(set);
        var payload = _kind.SerializePayload(set);
        var document = SearchDocuments.For(set);
        await _database.WriteAsync(async connection =>
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = $"""
                INSERT INTO {_table.Table} (public_id, name, version, description, labels, inserted_at, payload)
                VALUES ($publicId, $name, $version, $description, $labels, $insertedAt, $payload)
                RETURNING id
                """;
            insert.Parameters.AddWithValue("$publicId", publicId);
            insert.Parameters.AddWithValue("$name", set.Name);
            insert.Parameters.AddWithValue("$version", set.Version);
            insert.Parameters.AddWithValue("$description", set.Description);
            insert.Parameters.AddWithValue("$labels", labels);
            insert.Parameters.AddWithValue("$insertedAt", Timestamps.ToUnixMicroseconds(set.InsertedAt));
            insert.Parameters.AddWithValue("$payload", payload);
            var id = (long)(await insert.ExecuteScalarAsync(cancellationToken))!;

            await using var index = connection.CreateCommand();
            index.CommandText = $"""
                INSERT INTO {_table.Table}_label (key, value, set_id) SELECT key, value, $id FROM json_each($labels);
                INSERT INTO {_table.Table}_fts (rowid, name, version, description, labels)
                VALUES ($id, $ftsName, $ftsVersion, $ftsDescription, $ftsLabels);
                """;
            index.Parameters.AddWithValue("$id", id);
            index.Parameters.AddWithValue("$labels", labels);
            index.Parameters.AddWithValue("$ftsName", document.Name);
            index.Parameters.AddWithValue("$ftsVersion", document.Tags);
            index.Parameters.AddWithValue("$ftsDescription", document.Description);
            index.Parameters.AddWithValue("$ftsLabels", document.Labels);
            await index.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        return publicId;
    }

    /// <summary>Ids are opaque text: one that was never handed out, well-formed or not, simply finds nothing.</summary>
    public Task<TSet?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        _database.ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM {_table.Table} t WHERE t.public_id = $publicId";
            command.Parameters.AddWithValue("$publicId", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : default;
        }, cancellationToken);

    public Task<Page<TSet>> FindByNameAsync(string name, PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(_table.Where("t.name = $name", new Dictionary<string, object> { ["$name"] = name }), page, cancellationToken);

    public Task<Page<TSet>> FindByLabelsAsync(LabelFilter filter, PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(_table.WithLabels(filter), page, cancellationToken);

    public Task<Page<TSet>> SearchAsync(SearchQuery query, PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(_table.Matching(query), page, cancellationToken);

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        _table.DeleteAsync(_database, "public_id", id, cancellationToken);

    public Task<Page<TSet>> ListAsync(PageRequest page, CancellationToken cancellationToken) =>
        ReadPageAsync(_table.All(), page, cancellationToken);

    private Task<Page<TSet>> ReadPageAsync(SqliteSelection selection, PageRequest page, CancellationToken cancellationToken) =>
        _database.ReadAsync(connection => selection.ReadPageAsync(connection, Columns, Read, page, cancellationToken), cancellationToken);

    private TSet Read(SqliteDataReader reader) => _kind.Create(
        new VersionedSetHeader(
            Name: reader.GetString(0),
            Version: reader.GetString(1),
            Description: reader.GetString(2),
            Labels: VersionedSetKind<TSet>.DeserializeLabels(reader.GetString(3)),
            InsertedAt: Timestamps.FromUnixMicroseconds(reader.GetInt64(4))),
        reader.GetString(5));
}
