using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mastro.Core.Config;
using Mastro.Deploy.Tests.Support;
using Mastro.Testing;

namespace Mastro.Deploy.Tests;

/// <summary>
/// The single-file publish that the image ships, started the way Kubernetes starts it: with the image's
/// environment, a home and temp directory it cannot write (the root filesystem is read-only), and each pod's own
/// env, config and volumes — the sqlite-single server, and the crawler CronJob crawling a real S3 server into it.
/// </summary>
public sealed class PublishedBinaryTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_publish_is_one_self_contained_executable_beside_native_libraries_only()
    {
        var published = await PublishedMastro.GetAsync();

        Assert.True(File.Exists(published.Executable), $"no {published.Executable}");
        Assert.True(!OperatingSystem.IsWindows() && File.GetUnixFileMode(published.Executable).HasFlag(UnixFileMode.UserExecute));
        var others = Directory.GetFiles(published.Directory).Select(Path.GetFileName).Where(f => f != "mastro").ToList();
        Assert.All(others, f => Assert.EndsWith(".so", f));
        var magic = new byte[4];
        await using (var file = File.OpenRead(published.Executable))
            await file.ReadExactlyAsync(magic);
        Assert.Equal("\u007fELF"u8.ToArray(), magic);
    }

    [Fact]
    public async Task The_published_binary_serves_stores_and_stops_with_exit_0_on_SIGTERM()
    {
        var published = await PublishedMastro.GetAsync();
        var port = ExternalProcess.FreeTcpPort();
        var url = $"http://127.0.0.1:{port}";

        await using var mastro = RunningBinary.Start(published.Executable,
            ["serve", "--data", _directory.File("data"), "--port", port.ToString()], LocalContainer.ImageEnvironment(), "/");
        await mastro.WaitUntilReadyAsync($"{url}/readyz");

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var put = await http.PutAsJsonAsync("/assets/", new JsonArray(new JsonObject { ["name"] = "published.orders", ["type"] = "table" }));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var asset = await http.GetFromJsonAsync<JsonObject>("/asset/name/published.orders");
        Assert.Equal("table", asset!["type"]!.ToString());

        Assert.Equal(0, await mastro.TerminateAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>
    /// Starts the sqlite-single pod's container. The pod runs `mastro` without arguments (its config decides the
    /// role); `serve --port` is the same with only the port moved to a free one.
    /// </summary>
    private async Task<(RunningBinary Process, LocalContainer Container, string Url)> StartSqliteSingleAsync()
    {
        var published = await PublishedMastro.GetAsync();
        var rendering = await Rendering.OfAsync("overlays/sqlite-single");
        var container = await LocalContainer.CreateAsync(rendering, Assert.Single(rendering.MastroContainers), _directory.File("server"));
        Assert.Empty(container.Container.Args);
        var port = ExternalProcess.FreeTcpPort();
        var url = $"http://127.0.0.1:{port}";
        var process = RunningBinary.Start(published.Executable, ["serve", "--port", port.ToString()], container.Environment, "/");
        await process.WaitUntilReadyAsync($"{url}{container.Container.Json["readinessProbe"]!["httpGet"].Text("path")}");
        return (process, container, url);
    }

    [Fact]
    public async Task The_sqlite_single_pod_starts_with_its_own_env_config_and_volumes_and_answers_its_probes()
    {
        var (mastro, local, url) = await StartSqliteSingleAsync();
        await using var _ = mastro;
        var container = local.Container;

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var path = container.Json[probe]!["httpGet"].Text("path");
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(path)).StatusCode);
        }
        var metricsPath = container.Pod.Template["metadata"]!["annotations"].Text("prometheus.io/path");
        Assert.Contains("# TYPE", await http.GetStringAsync(metricsPath));
        foreach (var role in new[] { "asset", "featureset", "metricstore" })
            Assert.Equal("pong", await http.GetStringAsync($"/healthcheck/{role}"));
        var config = ContainerConfig.Of(await Rendering.OfAsync("overlays/sqlite-single"), container);
        var database = Assert.IsType<SqliteStoreSettings>(ServerSettings.From(config.Load()).Store).Path;
        Assert.True(File.Exists(local.LocalPath(database)), $"the database {database} must be on a mounted volume");

        var grace = container.Pod.Spec["terminationGracePeriodSeconds"]!.GetValue<int>();
        Assert.Equal(0, await mastro.TerminateAsync(TimeSpan.FromSeconds(grace)));
    }

    [Fact]
    public async Task A_run_of_the_crawler_CronJob_crawls_its_bucket_into_the_catalogue_and_exits_0()
    {
        var (server, serverContainer, serverUrl) = await StartSqliteSingleAsync();
        await using var _ = server;
        var executable = (await PublishedMastro.GetAsync()).Executable;
        var rendering = await Rendering.OfAsync("crawlers/manifests-cronjob");
        var crawler = Assert.Single(rendering.MastroContainers);
        var config = ContainerConfig.Of(rendering, crawler).Load();

        // The bucket the CronJob crawls, on a real S3 server standing in for the cluster's MinIO.
        var s3 = await S3Server.GetAsync();
        var bucket = new Uri(config.Backend.Crawler["root"]).Host;
        using (var client = s3.CreateClient())
        {
            await client.PutBucketAsync(bucket);
            await S3Server.PutAsync(client, bucket, "sales/orders/MANIFEST.yaml", Encoding.UTF8.GetBytes("name: sales.orders\ntype: table\ntags: [sales]\n"));
            await S3Server.PutAsync(client, bucket, "hr/people/MANIFEST.yaml", Encoding.UTF8.GetBytes("name: hr.people\ntype: dataset\n"));
        }
        var catalogue = new Uri(config.Backend.Crawler["catalogue-endpoint"]);
        var addresses = new Dictionary<string, string>
        {
            [catalogue.Authority] = new Uri(serverUrl).Authority,
            [new Uri(config.Backend.Settings["endpoint"]).Authority] = s3.Endpoint,
        };
        // The crawlers' token, made the way docs/DEPLOY.md makes it: `mastro token create` in the server pod.
        await using var tokenCreate = RunningBinary.Start(executable, ["token", "create", "--role", "edit", "--name", "crawlers"], serverContainer.Environment, "/");
        Assert.Equal(0, await tokenCreate.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var secrets = new Dictionary<string, string>
        {
            ["mastro-crawler-token/token"] = tokenCreate.StandardOutput.Trim(),
            ["mastro-s3/access-key-id"] = S3Server.AccessKey,
            ["mastro-s3/secret-access-key"] = S3Server.SecretKey,
        };
        var local = await LocalContainer.CreateAsync(rendering, crawler, _directory.File("crawler"), addresses, secrets);

        await using var run = RunningBinary.Start(executable, crawler.Args, local.Environment, "/");
        var exitCode = await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"exit {exitCode}:\n{run.Output}");

        using var http = new HttpClient { BaseAddress = new Uri(serverUrl) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", secrets["mastro-crawler-token/token"]);
        var found = await http.PostAsJsonAsync("/assets/labels", new JsonObject { ["labels"] = new JsonObject { ["crawler"] = config.Backend.Name } });
        var names = (await found.Content.ReadFromJsonAsync<JsonObject>())!["data"]!.AsArray().Select(a => a!["name"]!.ToString()).Order();
        Assert.Equal(["hr.people", "sales.orders"], names);
    }
}
