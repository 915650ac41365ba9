using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mastro.Core.Config;
using Mastro.Deploy.Tests.Support;
using Mastro.Testing;
using YamlDotNet.RepresentationModel;

namespace Mastro.Deploy.Tests;

/// <summary>
/// docs/DEPLOY.md and deploy/examples agree with the manifests: every entry point is applied, every Secret the
/// manifests use is created with its keys, and Spark and Airflow point at the catalogue's lineage route through
/// a namespace the NetworkPolicies admit.
/// </summary>
public sealed partial class DeployGuideTests
{
    private static readonly string Guide = JoinContinuations(File.ReadAllText(DeployPaths.DeployGuide));

    private static string JoinContinuations(string text) => text.Replace("\\\n", " ");

    [Fact]
    public void The_guide_applies_every_entry_point()
    {
        Assert.All(DeployPaths.EntryPoints, e => Assert.Contains($"kubectl apply -k deploy/kubernetes/{e}", Guide));
    }

    [GeneratedRegex(@"kubectl -n (?<namespace>\S+) create secret generic (?<name>[a-z0-9-]+)(?<options>[^\n]*)")]
    private static partial Regex CreateSecret();

    /// <summary>(namespace, secret, key) of every Secret the guide creates.</summary>
    private static readonly HashSet<(string Namespace, string Secret, string Key)> CreatedSecrets = CreateSecret().Matches(Guide)
        .SelectMany(m => Regex.Matches(m.Groups["options"].Value, @"--from-(?:literal|file)=(?<key>[^=\s]+)=")
            .Select(k => (m.Groups["namespace"].Value, m.Groups["name"].Value, k.Groups["key"].Value)))
        .ToHashSet();

    [Fact]
    public async Task The_guide_creates_every_Secret_the_manifests_use_with_every_key()
    {
        var used = new HashSet<(string Namespace, string Secret, string Key)>();
        foreach (var pod in (await Rendering.AllAsync()).SelectMany(r => r.Pods))
        foreach (var container in pod.Containers)
        {
            foreach (var reference in container.Env.Select(e => e["valueFrom"]?["secretKeyRef"]).OfType<JsonObject>())
                used.Add(("mastro", reference.Text("name")!, reference.Text("key")!));
            // A Secret volume: the keys are the files the container's arguments name under its mount.
            foreach (var mount in container.VolumeMounts)
                if (pod.Volume(mount.Text("name")!)?["secret"].Text("secretName") is { } secret)
                    foreach (var argument in container.Args.Where(a => a.StartsWith(mount.Text("mountPath")! + "/", StringComparison.Ordinal)))
                        used.Add(("mastro", secret, argument[(mount.Text("mountPath")!.Length + 1)..]));
        }
        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.Contains(u, CreatedSecrets));
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static string Scalar(YamlNode node, params string[] keys) =>
        keys.Aggregate(node, (n, key) => ((YamlMappingNode)n)[key]).ToString();

    private static string Example(string name) => Path.Combine(RepositoryPaths.Root, "deploy", "examples", name);

    [Fact]
    public async Task Spark_sends_OpenLineage_to_the_catalogue_lineage_route_and_writes_event_logs_where_the_crawlers_read()
    {
        var spark = LoadYaml(Example("spark-application.yaml"));
        var url = new Uri(Scalar(spark, "spec", "sparkConf", "spark.openlineage.transport.url"));
        var endpoint = Scalar(spark, "spec", "sparkConf", "spark.openlineage.transport.endpoint");

        var sparkNamespace = Scalar(spark, "metadata", "namespace");
        await AssertCatalogueServiceAsync(url);
        Assert.Contains($"POST {endpoint}", File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "LINEAGE-API.md")));
        await AssertAdmittedAsync(sparkNamespace, url);
        // The token: API-key auth from sparkConf, the key (like the S3 keys) from a Secret the guide creates in the job's namespace.
        Assert.Equal("api_key", Scalar(spark, "spec", "sparkConf", "spark.openlineage.transport.auth.type"));
        var driverEnv = ((YamlSequenceNode)((YamlMappingNode)spark["spec"])["driver"]["env"]).Cast<YamlMappingNode>().ToList();
        Assert.Contains(driverEnv, e => Scalar(e, "name") == "OPENLINEAGE__TRANSPORT__AUTH__API_KEY");
        Assert.All(driverEnv, e => Assert.Contains(
            (sparkNamespace, Scalar(e, "valueFrom", "secretKeyRef", "name"), Scalar(e, "valueFrom", "secretKeyRef", "key")), CreatedSecrets));

        var eventLogs = Scalar(spark, "spec", "sparkConf", "spark.eventLog.dir");
        var s3Endpoint = Scalar(spark, "spec", "sparkConf", "spark.hadoop.fs.s3a.endpoint");
        var sparklogCrawlers = (await Task.WhenAll(DeployPaths.Crawlers.Select(Rendering.OfAsync)))
            .SelectMany(r => r.MastroContainers.Select(c => ContainerConfig.Of(r, c).Load()))
            .Where(c => c.Backend.Type == "sparklog")
            .ToList();
        Assert.NotEmpty(sparklogCrawlers);
        Assert.All(sparklogCrawlers, c =>
        {
            Assert.Equal(eventLogs.TrimEnd('/'), c.Backend.Crawler["root"].TrimEnd('/'));
            Assert.Equal(s3Endpoint, c.Backend.Settings["endpoint"]);
        });
    }

    [Fact]
    public async Task Airflow_sends_OpenLineage_to_the_same_route()
    {
        var values = LoadYaml(Example("airflow-values.yaml"));
        var env = ((YamlSequenceNode)values["env"]).Cast<YamlMappingNode>().ToDictionary(e => Scalar(e, "name"), e => Scalar(e, "value"));
        var apiKey = ((YamlSequenceNode)values["secret"]).Cast<YamlMappingNode>().Single(e => Scalar(e, "envName") == "OPENLINEAGE__TRANSPORT__AUTH__API_KEY");
        var spark = LoadYaml(Example("spark-application.yaml"));

        Assert.Equal("http", env["OPENLINEAGE__TRANSPORT__TYPE"]);
        Assert.Equal(Scalar(spark, "spec", "sparkConf", "spark.openlineage.transport.url"), env["OPENLINEAGE__TRANSPORT__URL"]);
        Assert.Equal(Scalar(spark, "spec", "sparkConf", "spark.openlineage.transport.endpoint").TrimStart('/'), env["OPENLINEAGE__TRANSPORT__ENDPOINT"]);
        Assert.Equal("api_key", env["OPENLINEAGE__TRANSPORT__AUTH__TYPE"]);
        Assert.Contains(("airflow", Scalar(apiKey, "secretName"), Scalar(apiKey, "secretKey")), CreatedSecrets);
        await AssertAdmittedAsync("airflow", new Uri(env["OPENLINEAGE__TRANSPORT__URL"]));
    }

    /// <summary>The URL is a Service of every server overlay, by its cluster DNS name, that reaches the catalogue.</summary>
    private static async Task AssertCatalogueServiceAsync(Uri url)
    {
        var (service, ns) = (url.Host.Split('.')[0], url.Host.Split('.')[1]);
        Assert.EndsWith(".svc.cluster.local", url.Host);
        foreach (var overlay in DeployPaths.ServerOverlays)
        {
            var rendering = await Rendering.OfAsync(overlay);
            var target = rendering.Find("Service", service);
            Assert.True(target is not null, $"{url}: no Service {service} in {overlay}");
            Assert.Equal(ns, target.Namespace);
            Assert.Contains(url.Port, target.Spec!["ports"].Objects().Select(p => p["port"]!.GetValue<int>()));
            var behind = rendering.MastroContainers.Where(c => LabelSelectors.Matches(target.Spec["selector"], c.Pod.Labels));
            Assert.All(behind, c => Assert.True(ServerSettings.From(ContainerConfig.Of(rendering, c).Load()).Serves(MastroConfig.Catalogue)));
        }
    }

    [GeneratedRegex(@"kubectl label namespace (?<namespace>\S+) (?<key>[^=\s]+)=(?<value>\S+)")]
    private static partial Regex LabelNamespace();

    /// <summary>Once labelled as the guide says, <paramref name="clientNamespace"/> may reach the catalogue pods behind <paramref name="url"/>.</summary>
    private static async Task AssertAdmittedAsync(string clientNamespace, Uri url)
    {
        var labels = LabelNamespace().Matches(Guide)
            .Where(m => m.Groups["namespace"].Value == clientNamespace)
            .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);
        Assert.True(labels.Count > 0, $"the guide does not label the namespace {clientNamespace}");
        foreach (var overlay in DeployPaths.ServerOverlays)
        {
            var rendering = await Rendering.OfAsync(overlay);
            var service = rendering.Find("Service", url.Host.Split('.')[0])!;
            var pods = rendering.MastroContainers.Where(c => LabelSelectors.Matches(service.Spec!["selector"], c.Pod.Labels)).ToList();
            Assert.NotEmpty(pods);
            Assert.All(pods, c => Assert.True(
                NetworkPolicies.Of(rendering).Admits(NetworkPolicies.FromNamespace(clientNamespace, labels), c.Pod.Labels,
                    new NetworkPolicies.Port(ServerWiringTests.RestPort, c.PortNamed(ServerWiringTests.RestPort)!.Value)),
                $"{overlay}: {clientNamespace} cannot reach {c}"));
        }
    }
}
