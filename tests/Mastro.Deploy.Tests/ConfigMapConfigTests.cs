using Mastro.Core.Config;
using Mastro.Deploy.Tests.Support;
using Mastro.Testing;

namespace Mastro.Deploy.Tests;

/// <summary>
/// The configs inside the ConfigMaps are what each container really runs: the real binary accepts them with the
/// container's environment, credentials are only ${ENV} references to Secrets, and the labels that route traffic
/// to a pod say what its config serves.
/// </summary>
public sealed class ConfigMapConfigTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> EntryPoints => new(DeployPaths.EntryPoints);

    private static async Task<IReadOnlyList<ContainerConfig>> ConfigsAsync(string entryPoint)
    {
        var rendering = await Rendering.OfAsync(entryPoint);
        var configs = rendering.MastroContainers.Select(c => ContainerConfig.Of(rendering, c)).ToList();
        Assert.NotEmpty(configs);
        return configs;
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Mastro_config_validate_accepts_each_container_config_with_that_container_environment(string entryPoint)
    {
        foreach (var config in await ConfigsAsync(entryPoint))
        {
            var file = _directory.File($"{Guid.NewGuid():N}-{Path.GetFileName(config.Path)}");
            await File.WriteAllTextAsync(file, config.Text);
            var environment = config.Environment
                .Where(e => e.Key != ContainerConfig.EnvironmentVariable)
                .ToDictionary(e => e.Key, string? (e) => e.Value);

            var (code, stdout, stderr) = await MastroProcess.RunAsync(["config", "validate", file], environment);

            Assert.True(code == 0, $"{config}: exit {code}\n{stdout}{stderr}");
            Assert.Contains(": ok (", stdout);
        }
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Credentials_are_only_references_to_variables_set_from_Secrets(string entryPoint)
    {
        foreach (var config in await ConfigsAsync(entryPoint))
            Assert.True(!Credentials.NotFromSecrets(config).Any(), $"{config}: {string.Join(", ", Credentials.NotFromSecrets(config))}");
    }

    [Fact]
    public async Task The_credential_check_catches_a_literal_password_in_a_config_or_in_the_env()
    {
        var rendering = await Rendering.OfAsync("overlays/postgres");
        var config = ContainerConfig.Of(rendering, rendering.MastroContainers.First());
        var leakyConfig = config with { Text = config.Text.Replace("${POSTGRES_PASSWORD}", "hunter2", StringComparison.Ordinal) };
        var leakyJson = config.Container.Json.DeepClone().AsObject();
        var password = leakyJson["env"].Objects().Single(e => e.Text("name") == "POSTGRES_PASSWORD");
        password.Remove("valueFrom");
        password["value"] = "hunter2";
        var leakyEnv = config with { Container = config.Container with { Json = leakyJson } };

        Assert.Empty(Credentials.NotFromSecrets(config));
        Assert.Equal(["backend.settings.password"], Credentials.NotFromSecrets(leakyConfig));
        Assert.Equal(["backend.settings.password", "env POSTGRES_PASSWORD"], Credentials.NotFromSecrets(leakyEnv));
        var leakyConnection = config with
        {
            Text = config.Text.Replace("password: ${POSTGRES_PASSWORD}", "connection-string: Host=db;Username=u;Password=hunter2", StringComparison.Ordinal),
        };
        Assert.Equal(["backend.settings.connection-string"], Credentials.NotFromSecrets(leakyConnection));
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Every_ConfigMap_is_mounted_by_a_pod(string entryPoint)
    {
        var rendering = await Rendering.OfAsync(entryPoint);
        var mounted = rendering.Pods
            .SelectMany(p => p.Spec["volumes"].Objects())
            .Select(v => v["configMap"].Text("name"))
            .OfType<string>()
            .ToHashSet();

        Assert.All(rendering.OfKind("ConfigMap"), cm => Assert.Contains(cm.Name, mounted));
    }

    private static readonly string[] ServerRoles = [MastroConfig.Catalogue, MastroConfig.FeatureStore, MastroConfig.MetricStore];

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task Server_pods_carry_the_role_labels_of_exactly_what_their_config_serves(string overlay)
    {
        foreach (var config in await ConfigsAsync(overlay))
        {
            var settings = ServerSettings.From(config.Load());
            var labels = config.Container.Pod.Labels;

            Assert.Equal(config.Load().Type, labels["app.kubernetes.io/component"]);
            foreach (var role in ServerRoles)
                Assert.True(settings.Serves(role) == (labels.GetValueOrDefault($"mastro/{role}") == "true"), $"{config}: label mastro/{role}");
        }
    }

    public static TheoryData<string> ServerOverlays => new(DeployPaths.ServerOverlays);

    public static TheoryData<string> Crawlers => new(DeployPaths.Crawlers);

    [Theory]
    [MemberData(nameof(Crawlers))]
    public async Task Crawlers_push_to_the_catalogue_Service_of_every_overlay(string crawler)
    {
        foreach (var config in await ConfigsAsync(crawler))
        {
            var loaded = config.Load();
            Assert.Equal(MastroConfig.Crawler, loaded.Type);
            var endpoint = new Uri(loaded.Backend.Crawler["catalogue-endpoint"]);
            foreach (var overlay in DeployPaths.ServerOverlays)
            {
                var service = (await Rendering.OfAsync(overlay)).Find("Service", endpoint.Host.Split('.')[0]);
                Assert.True(service is not null, $"{config}: {endpoint} names no Service of {overlay}");
                Assert.Contains(endpoint.Port, service.Spec!["ports"].Objects().Select(p => p["port"]!.GetValue<int>()));
                Assert.True(LabelSelectors.Matches(service.Spec["selector"], new Dictionary<string, string> { ["mastro/catalogue"] = "true" }));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Crawlers))]
    public async Task Crawlers_in_Jobs_run_once_and_crawlers_in_Deployments_run_on_their_schedule(string crawler)
    {
        foreach (var config in await ConfigsAsync(crawler))
        {
            var owner = config.Container.Pod.Owner;
            var crawlerKeys = config.Load().Backend.Crawler;
            var scheduled = crawlerKeys.ContainsKey("schedule") || crawlerKeys.ContainsKey("schedule-period");
            if (owner.Kind is "Job" or "CronJob")
            {
                Assert.Equal(["crawl", "--once"], config.Container.Args);
                Assert.Contains(config.Container.Pod.Spec.Text("restartPolicy"), new[] { "Never", "OnFailure" });
            }
            else
            {
                Assert.Equal("Deployment", owner.Kind);
                Assert.DoesNotContain("--once", config.Container.Args);
                Assert.True(scheduled, $"{config}: a crawler Deployment needs a schedule, or it exits after one run and restarts forever");
            }
        }
    }
}
