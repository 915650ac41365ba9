namespace Mastro.Core.Config;

/// <summary>Which store to open, from <c>backend.type</c> and <c>backend.settings</c>.</summary>
public abstract record StoreSettings
{
    public static readonly IReadOnlyList<string> Supported = ["sqlite", "postgres"];

    /// <summary>Backends of the original Mastro that this one recognises but does not implement.</summary>
    private static readonly IReadOnlyList<string> Unsupported = ["mongo", "elastic"];

    public static StoreSettings From(BackendConfig backend)
    {
        switch (backend.Type)
        {
            case "sqlite":
                return new SqliteStoreSettings(Required(backend, "path"));
            case "postgres":
                return PostgresStoreSettings.Parse(backend);
            case "":
                throw new ConfigException($"backend.type: missing (supported backends: {string.Join(", ", Supported)})");
            case var type when Unsupported.Contains(type):
                throw new ConfigException(
                    $"backend.type: '{type}' is not supported by this Mastro (supported backends: {string.Join(", ", Supported)}); " +
                    "see docs/CONFIGURATION.md for moving a mongo or elastic config to postgres");
            default:
                throw new ConfigException($"backend.type: unknown backend '{backend.Type}' (supported backends: {string.Join(", ", Supported)})");
        }
    }

    internal static string Required(BackendConfig backend, string key) =>
        backend.Setting(key) ?? throw new ConfigException($"backend.settings.{key}: missing (required for backend type {backend.Type})");
}

/// <summary>The embedded store: one SQLite database file.</summary>
public sealed record SqliteStoreSettings(string Path) : StoreSettings;

/// <summary>
/// PostgreSQL, either as a full <c>connection-string</c> or as <c>host</c>/<c>port</c>/<c>database</c>/<c>username</c>/<c>password</c>.
/// <c>host</c> may carry the port (<c>db:5432</c>), as the original example does. <c>schema</c> selects a schema other than <c>public</c>.
/// </summary>
public sealed record PostgresStoreSettings : StoreSettings
{
    public string? ConnectionString { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Database { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Schema { get; init; }

    public static PostgresStoreSettings Parse(BackendConfig backend)
    {
        var schema = backend.Setting("schema");
        if (schema is not null && !schema.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ConfigException($"backend.settings.schema: '{schema}' is not a plain identifier (letters, digits, _)");

        if (backend.Setting("connection-string") is { } connectionString)
            return new PostgresStoreSettings { ConnectionString = connectionString, Schema = schema };

        var host = backend.Setting("host")
            ?? throw new ConfigException("backend.settings.host: missing (postgres needs connection-string, or host with username)");
        var port = ParsePort(backend.Setting("port"), "backend.settings.port");
        // "host:port" as in the original's example; a bare IPv6 address has several colons and is left alone.
        if (host.Count(c => c == ':') == 1)
        {
            var colon = host.IndexOf(':');
            port ??= ParsePort(host[(colon + 1)..], "backend.settings.host");
            host = host[..colon];
        }
        return new PostgresStoreSettings
        {
            Host = host,
            Port = port,
            Database = backend.Setting("database"),
            Username = Required(backend, "username"),
            Password = backend.Setting("password"),
            Schema = schema,
        };
    }

    private static int? ParsePort(string? text, string key) =>
        text is null ? null
        : int.TryParse(text, out var port) && port is > 0 and < 65536 ? port
        : throw new ConfigException($"{key}: '{text}' is not a port number (1-65535)");

    /// <summary>Never prints the password or the connection string (which may hold one).</summary>
    public override string ToString() =>
        ConnectionString is not null
            ? $"postgres (connection-string){(Schema is null ? "" : $" schema {Schema}")}"
            : $"postgres {Username}@{Host}:{Port ?? 5432}/{Database ?? Username}{(Schema is null ? "" : $" schema {Schema}")}";
}
