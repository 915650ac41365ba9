using System.Runtime.CompilerServices;
using Mastro.Crawlers.Sources;
using Npgsql;

namespace Mastro.Crawlers.Hive;

/// <summary>
/// Reads databases and tables from the metastore's own tables (Hive schema 2.x/3.x on PostgreSQL, where every
/// identifier is quoted upper case). Set-based: a handful of queries per database, whatever its table count.
/// </summary>
public sealed class MetastoreReader(NpgsqlDataSource dataSource)
{
    public async IAsyncEnumerable<MetastoreDatabase> DatabasesAsync(string? name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = new List<(long Id, string Name, string? Description, string? Location, string? Owner)>();
        await using (var command = dataSource.CreateCommand("""
            SELECT "DB_ID", "NAME", "DESC", "DB_LOCATION_URI", "OWNER_NAME" FROM "DBS"
            WHERE $1::text IS NULL OR "NAME" = $1 ORDER BY "NAME"
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                rows.Add((reader.GetInt64(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4)));
        }
        var parameters = await ParametersAsync("""SELECT "DB_ID", "PARAM_KEY", "PARAM_VALUE" FROM "DATABASE_PARAMS" WHERE "DB_ID" = ANY($1)""",
            rows.Select(r => r.Id).ToArray(), cancellationToken);
        foreach (var row in rows)
            yield return new MetastoreDatabase(row.Id, row.Name, row.Description, row.Location, row.Owner, parameters.GetValueOrDefault(row.Id) ?? Empty);
    }

    public async Task<IReadOnlyList<MetastoreTable>> TablesAsync(long databaseId, string? name, CancellationToken cancellationToken)
    {
        var tables = new List<MetastoreTable>();
        await using (var command = dataSource.CreateCommand("""
            SELECT t."TBL_ID", t."TBL_NAME", t."TBL_TYPE", t."OWNER", t."CREATE_TIME", t."VIEW_ORIGINAL_TEXT",
                   s."LOCATION", s."INPUT_FORMAT", s."OUTPUT_FORMAT", s."CD_ID", s."SERDE_ID", sd."SLIB"
            FROM "TBLS" t
            LEFT JOIN "SDS" s ON s."SD_ID" = t."SD_ID"
            LEFT JOIN "SERDES" sd ON sd."SERDE_ID" = s."SERDE_ID"
            WHERE t."DB_ID" = $1 AND ($2::text IS NULL OR t."TBL_NAME" = $2)
            ORDER BY t."TBL_NAME"
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = databaseId });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)name ?? DBNull.Value });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(new MetastoreTable
                {
                    Id = reader.GetInt64(0),
                    Name = reader.GetString(1),
                    TableType = Text(reader, 2),
                    Owner = Text(reader, 3),
                    CreatedAt = reader.IsDBNull(4) || Convert.ToInt64(reader.GetValue(4)) <= 0
                        ? null
                        : DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(reader.GetValue(4))),
                    ViewText = Text(reader, 5),
                    Location = Text(reader, 6),
                    InputFormat = Text(reader, 7),
                    OutputFormat = Text(reader, 8),
                    ColumnDescriptorId = reader.IsDBNull(9) ? null : reader.GetInt64(9),
                    SerDeId = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                    SerDe = Text(reader, 11),
                });
            }
        }
        if (tables.Count == 0) return tables;

        var tableIds = tables.Select(t => t.Id).ToArray();
        var columns = await ColumnsAsync("""
            SELECT "CD_ID", "COLUMN_NAME", "TYPE_NAME", "COMMENT" FROM "COLUMNS_V2"
            WHERE "CD_ID" = ANY($1) ORDER BY "CD_ID", "INTEGER_IDX"
            """, tables.Select(t => t.ColumnDescriptorId).OfType<long>().Distinct().ToArray(), cancellationToken);
        var partitionKeys = await ColumnsAsync("""
            SELECT "TBL_ID", "PKEY_NAME", "PKEY_TYPE", "PKEY_COMMENT" FROM "PARTITION_KEYS"
            WHERE "TBL_ID" = ANY($1) ORDER BY "TBL_ID", "INTEGER_IDX"
            """, tableIds, cancellationToken);
        var parameters = await ParametersAsync("""SELECT "TBL_ID", "PARAM_KEY", "PARAM_VALUE" FROM "TABLE_PARAMS" WHERE "TBL_ID" = ANY($1)""",
            tableIds, cancellationToken);
        var serDeParameters = await ParametersAsync("""SELECT "SERDE_ID", "PARAM_KEY", "PARAM_VALUE" FROM "SERDE_PARAMS" WHERE "SERDE_ID" = ANY($1)""",
            tables.Select(t => t.SerDeId).OfType<long>().Distinct().ToArray(), cancellationToken);
        return tables.Select(t => t with
        {
            Columns = t.ColumnDescriptorId is { } cd ? columns.GetValueOrDefault(cd) ?? [] : [],
            PartitionKeys = partitionKeys.GetValueOrDefault(t.Id) ?? [],
            Parameters = parameters.GetValueOrDefault(t.Id) ?? Empty,
            SerDeParameters = t.SerDeId is { } serDe ? serDeParameters.GetValueOrDefault(serDe) ?? Empty : Empty,
        }).ToList();
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private async Task<Dictionary<long, List<SchemaColumn>>> ColumnsAsync(string sql, long[] ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, List<SchemaColumn>>();
        if (ids.Length == 0) return result;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ids });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var owner = reader.GetInt64(0);
            if (!result.TryGetValue(owner, out var list)) result[owner] = list = [];
            list.Add(new SchemaColumn(reader.GetString(1), Text(reader, 2) ?? "", Text(reader, 3) ?? ""));
        }
        return result;
    }

    private async Task<Dictionary<long, IReadOnlyDictionary<string, string>>> ParametersAsync(string sql, long[] ids, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, Dictionary<string, string>>();
        if (ids.Length > 0)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var owner = reader.GetInt64(0);
                if (!result.TryGetValue(owner, out var map)) result[owner] = map = new Dictionary<string, string>(StringComparer.Ordinal);
                map[reader.GetString(1)] = Text(reader, 2) ?? "";
            }
        }
        return result.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value);
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
