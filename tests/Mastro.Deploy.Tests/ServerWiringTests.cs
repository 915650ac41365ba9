using Mastro.Core.Config;
using Mastro.Deploy.Tests.Support;

namespace Mastro.Deploy.Tests;

/// <summary>
/// Ports, probes, Services, the Ingress and the NetworkPolicies of the server overlays fit together and fit what
/// each pod's config makes the binary serve.
/// </summary>
public sealed class ServerWiringTests
{
    public const string RestPort = "rest-8085";

    public static TheoryData<string> ServerOverlays => new(DeployPaths.ServerOverlays);

    private static async Task<(Rendering Rendering, List<(ContainerConfig Config, ServerSettings Settings)> Servers)> ServersAsync(string overlay)
    {
        var rendering = await Rendering.OfAsync(overlay);
        var servers = rendering.MastroContainers
            .Select(c => ContainerConfig.Of(rendering, c))
            .Select(c => (c, ServerSettings.From(c.Load())))
            .ToList();
        Assert.NotEmpty(servers);
        return (rendering, servers);
    }

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task Servers_listen_on_the_port_of_their_config_and_are_probed_on_healthz_and_readyz(string overlay)
    {
        foreach (var (config, settings) in (await ServersAsync(overlay)).Servers)
        {
            var container = config.Container;
            Assert.Equal(settings.Port, container.PortNamed(RestPort));
            Assert.Equal("0.0.0.0", settings.Address);
            foreach (var (probe, path) in new[] { ("startupProbe", "/healthz"), ("livenessProbe", "/healthz"), ("readinessProbe", "/readyz") })
            {
                var get = container.Json[probe]?["httpGet"];
                Assert.True(get is not null, $"{container}: {probe} must be an httpGet");
                Assert.Equal(path, get.Text("path"));
                Assert.Equal(RestPort, get["port"]!.ToString());
            }
            var annotations = container.Pod.Template["metadata"]?["annotations"].StringMap() ?? new Dictionary<string, string>();
            Assert.Equal(settings.Port.ToString(), annotations["prometheus.io/port"]);
            Assert.Equal("/metrics", annotations["prometheus.io/path"]);
        }
    }

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task Each_role_Service_is_ClusterIP_on_rest_8085_and_reaches_only_pods_serving_that_role(string overlay)
    {
        var (rendering, servers) = await ServersAsync(overlay);
        foreach (var role in new[] { MastroConfig.Catalogue, MastroConfig.FeatureStore, MastroConfig.MetricStore })
        {
            var service = rendering.Find("Service", $"mastro-{role}");
            Assert.True(service is not null, $"{overlay}: no Service mastro-{role}");
            Assert.Equal("ClusterIP", service.Spec.Text("type"));
            var port = Assert.Single(service.Spec!["ports"].Objects());
            Assert.Equal(RestPort, port.Text("name"));
            Assert.Equal(8085, port["port"]!.GetValue<int>());
            Assert.Equal(RestPort, port["targetPort"]!.ToString());

            var behind = servers.Where(s => LabelSelectors.Matches(service.Spec["selector"], s.Config.Container.Pod.Labels)).ToList();
            Assert.NotEmpty(behind);
            Assert.All(behind, s => Assert.True(s.Settings.Serves(role), $"{s.Config} is behind mastro-{role} but does not serve {role}"));
            Assert.All(servers.Where(s => s.Settings.Serves(role)), s => Assert.Contains(s, behind));
        }
    }

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task The_Ingress_routes_to_existing_Service_ports_and_the_UI_to_the_catalogue(string overlay)
    {
        var rendering = await Rendering.OfAsync(overlay);
        var paths = Assert.Single(rendering.OfKind("Ingress")).Spec!["rules"].Objects()
            .SelectMany(r => r["http"]!["paths"].Objects())
            .ToList();

        foreach (var path in paths)
        {
            var backend = path["backend"]!["service"]!;
            var service = rendering.Find("Service", backend.Text("name")!);
            Assert.True(service is not null, $"{overlay}: Ingress path {path.Text("path")} names no Service");
            Assert.Contains(backend["port"].Text("name"), service.Spec!["ports"].Objects().Select(p => p.Text("name")));
        }
        var root = Assert.Single(paths, p => p.Text("path") == "/");
        Assert.Equal("mastro-catalogue", root["backend"]!["service"].Text("name"));
    }

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task Server_REST_ports_admit_the_ingress_controller_and_client_namespaces_and_no_one_else(string overlay)
    {
        var (rendering, servers) = await ServersAsync(overlay);
        var policies = NetworkPolicies.Of(rendering);

        foreach (var (config, settings) in servers)
        {
            var target = config.Container.Pod.Labels;
            var port = new NetworkPolicies.Port(RestPort, settings.Port);
            Assert.True(policies.Admits(NetworkPolicies.FromNamespace("ingress-nginx"), target, port), $"{config}: ingress controller");
            Assert.True(policies.Admits(NetworkPolicies.FromNamespace("spark-jobs", new Dictionary<string, string> { ["mastro/client"] = "true" }), target, port), $"{config}: client namespace");
            Assert.False(policies.Admits(NetworkPolicies.FromNamespace("elsewhere"), target, port), $"{config}: an unlabelled namespace");
            Assert.False(policies.Admits(NetworkPolicies.InNamespace(new Dictionary<string, string> { ["app"] = "other" }), target, port), $"{config}: another pod of the namespace");
        }
    }

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task Crawlers_reach_the_catalogue_and_no_other_role(string overlay)
    {
        var (rendering, servers) = await ServersAsync(overlay);
        var policies = NetworkPolicies.Of(rendering);
        var crawlerPods = (await Task.WhenAll(DeployPaths.Crawlers.Select(Rendering.OfAsync))).SelectMany(r => r.Pods).ToList();
        Assert.NotEmpty(crawlerPods);

        foreach (var crawler in crawlerPods)
        foreach (var (config, settings) in servers)
        {
            var admitted = policies.Admits(NetworkPolicies.InNamespace(crawler.Labels), config.Container.Pod.Labels, new NetworkPolicies.Port(RestPort, settings.Port));
            Assert.True(admitted == settings.Serves(MastroConfig.Catalogue), $"{crawler} → {config}: admitted {admitted}");
        }
    }

    [Fact]
    public async Task PostgreSQL_admits_the_server_roles_only()
    {
        var (rendering, servers) = await ServersAsync("overlays/postgres");
        var policies = NetworkPolicies.Of(rendering);
        var postgres = Assert.Single(rendering.Pods, p => p.Owner.Kind == "StatefulSet");
        var port = new NetworkPolicies.Port("tcp-postgresql", 5432);
        Assert.Equal(5432, postgres.Containers.Single().PortNamed(port.Name));
        var crawlerPods = (await Task.WhenAll(DeployPaths.Crawlers.Select(Rendering.OfAsync))).SelectMany(r => r.Pods);

        Assert.All(servers, s => Assert.True(policies.Admits(NetworkPolicies.InNamespace(s.Config.Container.Pod.Labels), postgres.Labels, port), $"{s.Config}"));
        Assert.All(crawlerPods, c => Assert.False(policies.Admits(NetworkPolicies.InNamespace(c.Labels), postgres.Labels, port), $"{c}"));
        Assert.False(policies.Admits(NetworkPolicies.FromNamespace("ingress-nginx"), postgres.Labels, port));
        Assert.False(policies.Admits(NetworkPolicies.FromNamespace("spark-jobs", new Dictionary<string, string> { ["mastro/client"] = "true" }), postgres.Labels, port));
    }

    [Fact]
    public async Task The_catalogue_runs_two_replicas_on_postgres_and_sqlite_runs_one_replaced_not_rolled()
    {
        var postgres = await Rendering.OfAsync("overlays/postgres");
        var sqlite = await Rendering.OfAsync("overlays/sqlite-single");

        Assert.Equal(2, postgres.Find("Deployment", "mastro-catalogue")!.Spec!["replicas"]!.GetValue<int>());
        var single = Assert.Single(sqlite.OfKind("Deployment"));
        Assert.Equal(1, single.Spec!["replicas"]!.GetValue<int>());
        Assert.Equal("Recreate", single.Spec["strategy"].Text("type"));
    }

    [Fact]
    public async Task The_SQLite_database_lives_on_the_persistent_volume()
    {
        var (rendering, servers) = await ServersAsync("overlays/sqlite-single");
        var (config, settings) = Assert.Single(servers);
        var database = Assert.IsType<SqliteStoreSettings>(settings.Store).Path;

        var mount = config.Container.VolumeMounts.Single(m => database.StartsWith(m.Text("mountPath")! + "/", StringComparison.Ordinal));
        var claim = config.Container.Pod.Volume(mount.Text("name")!)?["persistentVolumeClaim"].Text("claimName");
        Assert.NotNull(rendering.Find("PersistentVolumeClaim", claim!));
        Assert.Equal("1654", config.Container.Pod.Spec["securityContext"]?["fsGroup"]?.ToString());
    }
}
