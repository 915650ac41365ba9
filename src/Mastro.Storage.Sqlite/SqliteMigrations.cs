using System.Globalization;
using System.Reflection;
using Mastro.Core.Json;
using Microsoft.Data.Sqlite;

namespace Mastro.Storage.Sqlite;

/// <summary>One schema step: an embedded <c>Migrations/NNNN_what.sql</c> script.</summary>
internal sealed record SqliteMigration(int Version, string Sql);

/// <summary>
/// Applies the embedded migration scripts that the database has not seen yet, in version order,
/// in one write transaction, recording each in <c>schema_migrations</c>.
/// </summary>
internal static class SqliteMigrations
{
    private const string ResourcePrefix = "Migrations/";

    public static IReadOnlyList<SqliteMigration> All { get; } = Load();

    public static async Task ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)",
            cancellationToken);
        var applied = await AppliedVersionsAsync(connection, cancellationToken);
        var newest = All[^1].Version;
        if (applied.Count > 0 && applied.Max() > newest)
            throw new InvalidOperationException(
                $"the SQLite database has schema version {applied.Max()}, newer than this Mastro knows ({newest}); use a newer Mastro");

        foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES ($version, $appliedAt)";
            record.Parameters.AddWithValue("$version", migration.Version);
            record.Parameters.AddWithValue("$appliedAt", Timestamps.ToUnixMicroseconds(DateTimeOffset.UtcNow));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<HashSet<long>> AppliedVersionsAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM schema_migrations";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<long>();
        while (await reader.ReadAsync(cancellationToken))
            versions.Add(reader.GetInt64(0));
        return versions;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IReadOnlyList<SqliteMigration> Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static SqliteMigration Read(Assembly assembly, string resourceName)
    {
        var fileName = resourceName[ResourcePrefix.Length..];
        var versionText = fileName.Split('_', 2)[0];
        if (!int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            throw new InvalidOperationException($"migration {fileName} does not start with a version number (NNNN_name.sql)");
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return new SqliteMigration(version, reader.ReadToEnd());
    }
}
