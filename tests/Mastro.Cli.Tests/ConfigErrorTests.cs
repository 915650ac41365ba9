using Mastro.Testing;

namespace Mastro.Cli.Tests;

/// <summary>
/// Every config mistake stops the real binary before it serves anything, exits 2 and prints one line
/// naming the key at fault.
/// </summary>
public sealed class ConfigErrorTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Config(string yaml)
    {
        var path = _directory.File($"{Guid.NewGuid():N}.yml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private static async Task AssertConfigErrorAsync(string[] arguments, string expected, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var (code, stdout, stderr) = await MastroProcess.RunAsync(arguments, environment);
        Assert.True(code == 2, $"exit code {code}; stdout: {stdout}; stderr: {stderr}");
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line);
        Assert.DoesNotContain("Now listening", stdout);
    }

    private const string Sqlite = "backend:\n  name: t\n  type: sqlite\n  settings:\n    path: /tmp/never-used.db\n";

    [Fact]
    public Task Missing_file() => AssertConfigErrorAsync(["--config", "/nonexistent/mastro.yml"], "does not exist");

    [Fact]
    public Task A_directory_is_not_a_config() => AssertConfigErrorAsync(["--config", _directory.Path], "is a directory");

    [Fact]
    public Task Unknown_type() => AssertConfigErrorAsync(["--config", Config("type: kitchen\ndetails:\n  port: 8085\n" + Sqlite)], "type: unknown type 'kitchen'");

    [Fact]
    public Task Missing_type() => AssertConfigErrorAsync(["--config", Config("details:\n  port: 8085\n" + Sqlite)], "type: missing");

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("70000")]
    public Task Bad_port(string port) =>
        AssertConfigErrorAsync(["--config", Config($"type: catalogue\ndetails:\n  port: {port}\n" + Sqlite)], $"details.port: '{port}' is not a port number");

    [Fact]
    public Task Missing_port() => AssertConfigErrorAsync(["--config", Config("type: catalogue\n" + Sqlite)], "details.port: missing");

    [Fact]
    public Task Missing_sqlite_path() => AssertConfigErrorAsync(
        ["--config", Config("type: catalogue\ndetails:\n  port: 8085\nbackend:\n  type: sqlite\n  settings: {}\n")], "backend.settings.path: missing");

    [Fact]
    public Task Missing_postgres_host() => AssertConfigErrorAsync(
        ["--config", Config("type: featurestore\ndetails:\n  port: 8085\nbackend:\n  type: postgres\n  settings:\n    username: u\n")], "backend.settings.host: missing");

    [Fact]
    public Task Unset_environment_variable() => AssertConfigErrorAsync(
        ["--config", Config("type: catalogue\ndetails:\n  port: 8085\nbackend:\n  type: postgres\n  settings:\n    host: db\n    username: u\n    password: ${MASTRO_TEST_UNSET_PASSWORD}\n")],
        "backend.settings.password: environment variable MASTRO_TEST_UNSET_PASSWORD is not set");

    [Fact]
    public Task Invalid_yaml_names_the_line() => AssertConfigErrorAsync(["--config", Config("type: catalogue\ndetails: [unclosed\n")], "invalid YAML at line");

    [Theory]
    [InlineData("catalogue/conf/mongo/example_mongo.yml", "'mongo' is not supported")]
    [InlineData("catalogue/conf/elastic/example_elastic.yml", "'elastic' is not supported")]
    [InlineData("featurestore/conf/mongo/example_mongo.yml", "'mongo' is not supported")]
    [InlineData("featurestore/conf/elastic/example_elastic.yml", "'elastic' is not supported")]
    [InlineData("metricstore/conf/mongo/example_mongo.yml", "'mongo' is not supported")]
    public async Task The_originals_mongo_and_elastic_examples_are_rejected_naming_the_supported_backends(string example, string expected)
    {
        var path = RepositoryPaths.Fixture("mastro", example);
        await AssertConfigErrorAsync(["--config", path], expected);
        await AssertConfigErrorAsync(["serve", "--config", path], "supported backends: sqlite, postgres");
    }

    [Fact]
    public Task Config_path_comes_from_MASTRO_CONFIG() =>
        AssertConfigErrorAsync([], "does not exist", new Dictionary<string, string?> { ["MASTRO_CONFIG"] = "/nonexistent/from-env.yml" });

    [Fact]
    public async Task No_config_at_all_explains_what_to_do()
    {
        var (code, _, stderr) = await MastroProcess.RunAsync([]);
        Assert.Equal(2, code);
        Assert.Contains("mastro serve", stderr);
    }

    [Fact]
    public async Task Config_validate_checks_every_file_and_reports_each()
    {
        var good = Config("type: catalogue\ndetails:\n  port: 8085\n" + Sqlite);
        var bad = Config("type: catalogue\ndetails:\n  port: x\n" + Sqlite);

        var (code, stdout, stderr) = await MastroProcess.RunAsync(["config", "validate", good, bad]);

        Assert.Equal(2, code);
        Assert.Contains($"{good}: ok (catalogue, backend sqlite)", stdout);
        Assert.Contains($"{bad}: details.port", stderr);
        Assert.Equal(0, (await MastroProcess.RunAsync(["config", "validate", good])).ExitCode);
    }
}
