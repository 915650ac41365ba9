using Mastro.Core.Config;
using Mastro.Testing;

namespace Mastro.Core.Tests;

public sealed class ServerSettingsTests
{
    private static ServerSettings From(string yaml) => ServerSettings.From(ConfigLoader.Parse(yaml, null, _ => null));

    [Fact]
    public void A_role_config_serves_that_role_on_all_interfaces()
    {
        var settings = From("type: featurestore\ndetails:\n  port: 9000\nbackend:\n  type: sqlite\n  settings:\n    path: /data/fs.db\n");

        Assert.Equal(["featurestore"], settings.Roles);
        Assert.Equal(9000, settings.Port);
        Assert.Equal("0.0.0.0", settings.Address);
        Assert.Equal(new SqliteStoreSettings("/data/fs.db"), settings.Store);
        Assert.Equal(ServerSettings.DefaultMaxBodyBytes, settings.MaxBodyBytes);
    }

    [Fact]
    public void Type_all_serves_every_server_role()
    {
        var settings = From("type: all\ndetails:\n  port: 1\nbackend:\n  type: sqlite\n  settings:\n    path: x\n");
        Assert.Equal(["catalogue", "featurestore", "metricstore"], settings.Roles.Order());
    }

    [Fact]
    public void The_embedded_default_listens_on_loopback_only()
    {
        var settings = ServerSettings.Embedded(".mastro");
        Assert.Equal("127.0.0.1", settings.Address);
        Assert.Equal(8085, settings.Port);
        Assert.Equal(new SqliteStoreSettings(Path.Combine(".mastro", "mastro.db")), settings.Store);
    }

    [Fact]
    public void The_originals_postgres_example_gives_host_and_port_from_host()
    {
        var config = ConfigLoader.Load(RepositoryPaths.Fixture("mastro", "featurestore", "conf", "postgres", "example_postgres.yml"));
        var store = Assert.IsType<PostgresStoreSettings>(ServerSettings.From(config).Store);

        Assert.Equal("localhost", store.Host);
        Assert.Equal(54300, store.Port);
        Assert.Equal("postgres", store.Username);
        Assert.Equal("features", store.Schema);
        Assert.DoesNotContain("test", store.ToString()); // the example's password
    }

    [Theory]
    [InlineData("details:\n  port: 1\n  max-body-bytes: -5\n", "details.max-body-bytes: '-5' is not a positive whole number")]
    [InlineData("details:\n  port: 1\n  max-bulk-items: lots\n", "details.max-bulk-items: 'lots' is not a positive whole number")]
    [InlineData("details:\n  port: 1\nbackend:\n  type: postgres\n  settings:\n    host: h\n    username: u\n    schema: \"a;drop\"\n", "backend.settings.schema")]
    [InlineData("details:\n  port: 1\nbackend:\n  type: postgres\n  settings:\n    host: h:port\n    username: u\n", "backend.settings.host: 'port' is not a port number")]
    [InlineData("details:\n  port: 1\nbackend:\n  type: redis\n", "backend.type: unknown backend 'redis' (supported backends: sqlite, postgres)")]
    [InlineData("details:\n  port: 1\n", "backend.type: missing")]
    public void Invalid_server_settings_name_the_key(string rest, string expected)
    {
        var yaml = "type: catalogue\n" + rest + (rest.Contains("backend") ? "" : rest.Contains("max-") ? "backend:\n  type: sqlite\n  settings:\n    path: x\n" : "");
        var error = Assert.Throws<ConfigException>(() => From(yaml));
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void A_crawler_config_is_not_a_server_role()
    {
        var config = ConfigLoader.Load(RepositoryPaths.Fixture("mastro", "crawlers", "conf", "example_s3.yml"));
        var error = Assert.Throws<ConfigException>(() => ServerSettings.From(config));
        Assert.Contains("mastro crawl", error.Message);
    }
}
