using Mastro.Core.Config;
using Mastro.Crawlers.Config;
using Npgsql;

namespace Mastro.Crawlers.Hive;

/// <summary>
/// Where the Hive metastore's backing PostgreSQL database is (the hive/impala crawlers read it directly, as
/// INTEGRATIONS.md §d describes): <c>connection-string</c>, or <c>host</c>/<c>port</c>/<c>database</c>/<c>username</c>/
/// <c>password</c>, plus <c>schema</c>, <c>ssl-mode</c>, and Kerberos (GSSAPI) with <c>auth-type: kerberos</c> or
/// <c>use-kerberos: true</c> (the original's hive and impala keys) and <c>kerberos-service-name</c>.
/// </summary>
public sealed record MetastoreSettings(NpgsqlConnectionStringBuilder Connection, bool Kerberos)
{
    public static MetastoreSettings From(BackendConfig backend, TimeSpan timeout)
    {
        var settings = new ConfigValues(backend.Settings, "backend.settings");
        if (!settings.Has("connection-string") && !settings.Has("database"))
            throw new ConfigException(
                "backend.settings.database: missing (the hive/impala crawler reads the Hive metastore's PostgreSQL database directly: " +
                "give connection-string, or host, port, database, username and password; HiveServer2/Impala daemon ports are not used)");
        var postgres = PostgresStoreSettings.Parse(backend);
        var builder = postgres.ConnectionString is null
            ? new NpgsqlConnectionStringBuilder { Host = postgres.Host, Port = postgres.Port ?? 5432, Database = postgres.Database, Username = postgres.Username, Password = postgres.Password }
            : Parse(postgres.ConnectionString);
        if (postgres.Schema is not null)
            builder.SearchPath = $"\"{postgres.Schema}\"";
        builder.ApplicationName = "mastro-crawler";
        builder.Timeout = (int)Math.Clamp(timeout.TotalSeconds, 1, 1024);
        builder.CommandTimeout = (int)Math.Clamp(timeout.TotalSeconds * 4, 1, int.MaxValue);

        var kerberos = settings.Text("auth-type")?.Equals("kerberos", StringComparison.OrdinalIgnoreCase) == true
            || settings.Bool("use-kerberos", false);
        if (kerberos)
        {
            // GSSAPI takes its ticket from KRB5CCNAME (kept fresh by a kinit/k5start sidecar) and krb5.conf from KRB5_CONFIG.
            builder.KerberosServiceName = settings.Text("kerberos-service-name") ?? "postgres";
            builder.Password = null;
        }
        if (settings.Text("ssl-mode") is { } sslMode)
            builder.SslMode = Enum.TryParse<SslMode>(sslMode.Replace("-", ""), ignoreCase: true, out var mode)
                ? mode
                : throw new ConfigException($"backend.settings.ssl-mode: '{sslMode}' is not one of disable, allow, prefer, require, verify-ca, verify-full");
        return new MetastoreSettings(builder, kerberos);
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            // Npgsql's message may quote part of the string, which may hold the password.
            throw new ConfigException("backend.settings.connection-string: not a valid PostgreSQL connection string");
        }
    }

    /// <summary>For logs: never the password.</summary>
    public override string ToString() =>
        $"metastore postgres {Connection.Username}@{Connection.Host}:{Connection.Port}/{Connection.Database}{(Kerberos ? " (kerberos)" : "")}";
}
