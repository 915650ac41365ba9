using Mastro.Core.Config;
using Mastro.Testing;

namespace Mastro.Core.Tests;

public sealed class ConfigLoaderTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static MastroConfig Parse(string yaml, Func<string, string?>? environment = null) =>
        ConfigLoader.Parse(yaml, "test.yml", environment ?? NoEnvironment);

    [Fact]
    public void Reads_the_originals_example_configs_in_their_exact_format()
    {
        var config = ConfigLoader.Load(RepositoryPaths.Fixture("mastro", "catalogue", "conf", "mongo", "example_mongo.yml"));

        Assert.Equal("catalogue", config.Type);
        Assert.Equal("8085", config.Details["port"]);
        Assert.Equal("test-mongo", config.Backend.Name);
        Assert.Equal("mongo", config.Backend.Type);
        Assert.Equal("localhost:27017", config.Backend.Settings["host"]);
        Assert.Equal("mastro-catalogue", config.Backend.Settings["collection"]);
    }

    [Fact]
    public void Reads_crawler_blocks_with_scalars_as_text()
    {
        var config = ConfigLoader.Load(RepositoryPaths.Fixture("mastro", "crawlers", "conf", "example_impala.yml"));

        Assert.Equal("crawler", config.Type);
        Assert.Equal("sunday", config.Backend.Crawler["schedule-period"]);
        Assert.Equal("1", config.Backend.Crawler["schedule-value"]);
        Assert.Equal("true", config.Backend.Crawler["start-now"]);
        Assert.Equal("false", config.Backend.Settings["use-kerberos"]);
    }

    [Fact]
    public void Expands_environment_references_in_every_setting()
    {
        var environment = new Dictionary<string, string> { ["PGPASS"] = "pw", ["PGHOST"] = "db" };
        var config = Parse("""
            type: catalogue
            details:
              port: ${PORT:-8085}
            backend:
              type: postgres
              settings:
                host: ${PGHOST}:5432
                password: ${PGPASS}
                literal: $${NOT_EXPANDED}
            """, name => environment.GetValueOrDefault(name));

        Assert.Equal("8085", config.Details["port"]);
        Assert.Equal("db:5432", config.Backend.Settings["host"]);
        Assert.Equal("pw", config.Backend.Settings["password"]);
        Assert.Equal("${NOT_EXPANDED}", config.Backend.Settings["literal"]);
    }

    [Theory]
    [InlineData("password: ${MISSING}", "backend.settings.password: environment variable MISSING is not set")]
    [InlineData("password: ${BAD NAME}", "backend.settings.password: '${BAD NAME}' is not a valid environment variable reference")]
    [InlineData("password: ${UNCLOSED", "backend.settings.password: unterminated")]
    public void Bad_environment_references_name_the_key(string setting, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Parse($"type: catalogue\nbackend:\n  type: postgres\n  settings:\n    {setting}\n"));
        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("details:\n  port: 1\n", "type: missing")]
    [InlineData("type: catalogue\nbackend:\n  settings:\n    nested:\n      a: b\n", "invalid YAML at line")]
    [InlineData("type: [catalogue\n", "invalid YAML at line 1")]
    public void Structural_problems_are_one_line_errors(string yaml, string expected)
    {
        var error = Assert.Throws<ConfigException>(() => Parse(yaml));
        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Unknown_keys_are_ignored_like_the_original()
    {
        var config = Parse("type: catalogue\nsomething: else\ndetails:\n  port: 1\nbackend:\n  type: sqlite\n  whatever: 3\n  settings:\n    path: x\n");
        Assert.Equal("x", config.Backend.Settings["path"]);
    }
}
