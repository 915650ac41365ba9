using System.Reflection;
using Npgsql;

namespace Mastro.Storage.Postgres;

/// <summary>One schema change: an embedded <c>Migrations/NNNN_what.sql</c> script.</summary>
internal sealed record Migration(int Version, string Name, string Sql)
{
    private const string Folder = "Migrations/";

    /// <summary>Every embedded migration, in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } = Load();

    private static List<Migration> Load()
    {
        var assembly = typeof(Migration).Assembly;
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Folder, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => new Migration(VersionOf(name), name[Folder.Length..], Read(assembly, name)))
            .OrderBy(migration => migration.Version)
            .ToList();
        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? migrations
            : throw new InvalidOperationException($"two migrations have version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}");
    }

    private static int VersionOf(string resourceName)
    {
        var fileName = resourceName[Folder.Length..];
        var digits = new string(fileName.TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, out var version)
            ? version
            : throw new InvalidOperationException($"migration {fileName} does not start with its version number");
    }

    private static string Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>
/// Brings the schema up to date: all pending migrations in one transaction, under a transaction-scoped
/// advisory lock so that replicas starting together apply each migration exactly once.
/// </summary>
internal sealed class PostgresMigrator(PostgresDatabase database, string? schema)
{
    /// <summary>Advisory lock key shared by every Mastro instance ("mastro" in ASCII).</summary>
    private const long LockKey = 0x6D617374726F;

    /// <summary>Data rewrites SQL cannot express, run right after the script of their version, in its transaction.</summary>
    private static readonly Dictionary<int, Func<NpgsqlConnection, CancellationToken, Task>> Rewrites = new()
    {
        [5] = PostgresSearchReindex.RunAsync,
    };

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (connection, token) =>
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", token, new NpgsqlParameter<long>("key", LockKey));
            if (schema is not null && !await SchemaExistsAsync(connection, schema, token))
                await ExecuteAsync(connection, $"CREATE SCHEMA {SqlIdentifier.Quote(schema)}", token);
            await ExecuteAsync(connection,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                token);

            var applied = await AppliedVersionsAsync(connection, token);
            foreach (var migration in Migration.All.Where(m => !applied.Contains(m.Version)))
            {
                await ExecuteAsync(connection, migration.Sql, token);
                if (Rewrites.TryGetValue(migration.Version, out var rewrite))
                    await rewrite(connection, token);
                await ExecuteAsync(connection, "INSERT INTO schema_migrations (version) VALUES (@version)", token,
                    new NpgsqlParameter<int>("version", migration.Version));
            }
        }, cancellationToken);

    /// <summary>
    /// Asked first because CREATE SCHEMA IF NOT EXISTS still demands the right to create schemas, which a
    /// least-privileged user given a ready-made schema does not have.
    /// </summary>
    private static async Task<bool> SchemaExistsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)", connection);
        command.Parameters.Add(new NpgsqlParameter<string>("schema", schema));
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(cancellationToken))
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
