using Mastro.Core.Config;
using Npgsql;

namespace Mastro.Storage.Postgres;

/// <summary>Turns <see cref="PostgresStoreSettings"/> into an Npgsql connection string.</summary>
internal static class PostgresConnectionString
{
    public static NpgsqlConnectionStringBuilder Build(PostgresStoreSettings settings)
    {
        var builder = settings.ConnectionString is null ? FromParts(settings) : Parse(settings.ConnectionString);
        if (settings.Schema is not null)
            builder.SearchPath = SqlIdentifier.Quote(settings.Schema);
        return builder;
    }

    /// <summary>Where the store points, for messages: never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database ?? builder.Username}";

    private static NpgsqlConnectionStringBuilder FromParts(PostgresStoreSettings settings)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = settings.Host,
            Username = settings.Username,
            Password = settings.Password,
            Database = settings.Database,
        };
        if (settings.Port is { } port)
            builder.Port = port;
        return builder;
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Npgsql's message may quote part of the string, which may be the password: say only which setting is wrong.
            throw new ConfigException("backend.settings.connection-string: not a valid PostgreSQL connection string");
        }
    }
}
