using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Search;
using Mastro.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>
/// Upserts assets inside the caller's write transaction. Its two commands are prepared once and
/// re-executed for every asset with new parameter values, which is what makes bulk upserts fast.
/// </summary>
internal sealed class SqliteAssetWriter : IAsyncDisposable
{
    // ON CONFLICT … DO UPDATE keeps the row (and so its id and listing position); every column is replaced.
    private const string UpsertSql = """
        INSERT INTO asset (name, type, description, published_on, last_discovered_at, depends_on, labels, tags, versions)
        VALUES ($name, $type, $description, $publishedOn, $lastDiscoveredAt, $dependsOn, $labels, $tags, $versions)
        ON CONFLICT (name) DO UPDATE SET
            type = excluded.type, description = excluded.description,
            published_on = excluded.published_on, last_discovered_at = excluded.last_discovered_at,
            depends_on = excluded.depends_on, labels = excluded.labels, tags = excluded.tags, versions = excluded.versions
        RETURNING id
        """;

    // The side tables and the text index, rebuilt from the row's JSON and search document.
    private const string IndexSql = """
        DELETE FROM asset_tag WHERE asset_id = $id;
        INSERT OR IGNORE INTO asset_tag (tag, asset_id) SELECT value, $id FROM json_each($tags);
        DELETE FROM asset_label WHERE asset_id = $id;
        INSERT INTO asset_label (key, value, asset_id) SELECT key, value, $id FROM json_each($labels) WHERE type = 'text';
        INSERT OR REPLACE INTO asset_fts (rowid, name, tags, description, labels)
        VALUES ($id, $ftsName, $ftsTags, $ftsDescription, $ftsLabels);
        """;

    private readonly SqliteCommand _upsert;
    private readonly SqliteParameter _name, _type, _description, _publishedOn, _lastDiscoveredAt, _dependsOn, _labels, _tags, _versions;
    private readonly SqliteCommand _index;
    private readonly SqliteParameter _id, _indexTags, _indexLabels, _ftsName, _ftsTags, _ftsDescription, _ftsLabels;

    public SqliteAssetWriter(SqliteConnection connection)
    {
        _upsert = connection.CreateCommand();
        _upsert.CommandText = UpsertSql;
        _name = Parameter(_upsert, "$name");
        _type = Parameter(_upsert, "$type");
        _description = Parameter(_upsert, "$description");
        _publishedOn = Parameter(_upsert, "$publishedOn");
        _lastDiscoveredAt = Parameter(_upsert, "$lastDiscoveredAt");
        _dependsOn = Parameter(_upsert, "$dependsOn");
        _labels = Parameter(_upsert, "$labels");
        _tags = Parameter(_upsert, "$tags");
        _versions = Parameter(_upsert, "$versions");

        _index = connection.CreateCommand();
        _index.CommandText = IndexSql;
        _id = Parameter(_index, "$id");
        _indexTags = Parameter(_index, "$tags");
        _indexLabels = Parameter(_index, "$labels");
        _ftsName = Parameter(_index, "$ftsName");
        _ftsTags = Parameter(_index, "$ftsTags");
        _ftsDescription = Parameter(_index, "$ftsDescription");
        _ftsLabels = Parameter(_index, "$ftsLabels");
    }

    public async Task WriteAsync(Asset asset, CancellationToken cancellationToken)
    {
        var row = AssetRow.From(asset);
        _name.Value = row.Name;
        _type.Value = row.Type;
        _description.Value = row.Description;
        _publishedOn.Value = Timestamps.ToUnixMicroseconds(row.PublishedOn);
        _lastDiscoveredAt.Value = Timestamps.ToUnixMicroseconds(row.LastDiscoveredAt);
        _dependsOn.Value = row.DependsOnJson;
        _labels.Value = row.LabelsJson;
        _tags.Value = row.TagsJson;
        _versions.Value = row.VersionsJson;
        var id = (long)(await _upsert.ExecuteScalarAsync(cancellationToken))!;

        var document = SearchDocuments.For(asset);
        _id.Value = id;
        _indexTags.Value = row.TagsJson;
        _indexLabels.Value = row.LabelsJson;
        _ftsName.Value = document.Name;
        _ftsTags.Value = document.Tags;
        _ftsDescription.Value = document.Description;
        _ftsLabels.Value = document.Labels;
        await _index.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Parameters are created once; each asset only sets new values, so the statements stay prepared.</summary>
    private static SqliteParameter Parameter(SqliteCommand command, string name) =>
        command.Parameters.Add(new SqliteParameter { ParameterName = name });

    public async ValueTask DisposeAsync()
    {
        await _upsert.DisposeAsync();
        await _index.DisposeAsync();
    }
}
