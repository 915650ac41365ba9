using System.Text.RegularExpressions;
using Mastro.Deploy.Tests.Support;
using Mastro.Testing;

namespace Mastro.Deploy.Tests;

/// <summary>
/// The Kerberos crawler: a k5start native sidecar fills a ticket cache in a shared in-memory emptyDir, both
/// containers find it through KRB5CCNAME and the realm through KRB5_CONFIG (a ConfigMap), the keytab comes
/// from a Secret.
/// </summary>
public sealed partial class KerberosSidecarTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static async Task<List<(PodTemplate Pod, Container Sidecar, Rendering Rendering)>> KerberosPodsAsync()
    {
        var pods = (await Rendering.AllAsync())
            .SelectMany(r => r.Pods.Select(p => (Pod: p, Rendering: r)))
            .SelectMany(x => x.Pod.Containers.Where(c => c.Command.FirstOrDefault() == "k5start").Select(c => (x.Pod, Sidecar: c, x.Rendering)))
            .ToList();
        Assert.NotEmpty(pods);
        return pods;
    }

    private static string Option(Container container, string option)
    {
        var args = container.Args.ToList();
        var at = args.IndexOf(option);
        Assert.True(at >= 0 && at + 1 < args.Count, $"{container}: {option} missing");
        return args[at + 1];
    }

    /// <summary>The volume mounted where <paramref name="path"/> lies, and whether that mount is read-only.</summary>
    private static (string Volume, bool ReadOnly) MountOf(Container container, string path)
    {
        var mount = container.VolumeMounts
            .Where(m => path.StartsWith(m.Text("mountPath")!.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(m => m.Text("mountPath")!.Length);
        Assert.True(mount is not null, $"{container}: nothing is mounted at {path}");
        return (mount.Text("name")!, mount.IsTrue("readOnly"));
    }

    [Fact]
    public async Task The_sidecar_is_a_native_sidecar_that_gates_the_crawler_on_a_valid_ticket()
    {
        foreach (var (_, sidecar, _) in await KerberosPodsAsync())
        {
            Assert.True(sidecar.IsInit, $"{sidecar}: must be an init container (native sidecar)");
            Assert.Equal("Always", sidecar.Json.Text("restartPolicy"));
            Assert.Equal(["klist", "-s"], sidecar.Json["startupProbe"]?["exec"]?["command"].Strings());
        }
    }

    [Fact]
    public async Task Both_containers_share_the_ticket_cache_in_memory_and_the_krb5_conf_from_a_ConfigMap()
    {
        foreach (var (pod, sidecar, rendering) in await KerberosPodsAsync())
        {
            var cache = sidecar.EnvValue("KRB5CCNAME") ?? "";
            var krb5Conf = sidecar.EnvValue("KRB5_CONFIG") ?? "";
            Assert.StartsWith("FILE:", cache);
            Assert.Equal(cache["FILE:".Length..], Option(sidecar, "-k"));
            var cacheVolume = MountOf(sidecar, cache["FILE:".Length..]);
            Assert.False(cacheVolume.ReadOnly, $"{sidecar} writes the ticket cache");
            Assert.Equal("Memory", pod.Volume(cacheVolume.Volume)?["emptyDir"].Text("medium"));

            var crawlers = pod.Containers.Where(c => c.RunsMastro).ToList();
            Assert.NotEmpty(crawlers);
            foreach (var crawler in crawlers)
            {
                Assert.Equal(cache, crawler.EnvValue("KRB5CCNAME"));
                Assert.Equal(krb5Conf, crawler.EnvValue("KRB5_CONFIG"));
                Assert.Equal(cacheVolume.Volume, MountOf(crawler, cache["FILE:".Length..]).Volume);
            }

            foreach (var container in crawlers.Append(sidecar))
            {
                var configVolume = pod.Volume(MountOf(container, krb5Conf).Volume);
                var configMap = rendering.Find("ConfigMap", configVolume?["configMap"].Text("name") ?? "");
                Assert.True(configMap is not null, $"{container}: {krb5Conf} must come from a ConfigMap");
                Assert.Contains("default_realm", configMap.Json["data"].Text(Path.GetFileName(krb5Conf)));
            }
        }
    }

    [Fact]
    public async Task The_keytab_comes_from_a_Secret()
    {
        foreach (var (pod, sidecar, _) in await KerberosPodsAsync())
        {
            var keytab = Option(sidecar, "-f");
            var volume = pod.Volume(MountOf(sidecar, keytab).Volume);
            Assert.NotNull(volume?["secret"].Text("secretName"));
            Assert.True(MountOf(sidecar, keytab).ReadOnly);
            Assert.DoesNotContain(pod.Containers.Where(c => c.RunsMastro), c => c.VolumeMounts.Any(m => m.Text("name") == volume!.Text("name")));
        }
    }

    [GeneratedRegex(@"default_realm\s*=\s*(?<realm>\S+)")]
    private static partial Regex DefaultRealm();

    [GeneratedRegex(@"^\s*kdc\s*=\s*(?<kdc>\S+)", RegexOptions.Multiline)]
    private static partial Regex Kdc();

    /// <summary>
    /// The pod run locally against a throwaway KDC for its realm: the sidecar's own command and arguments get a
    /// ticket, its startup probe accepts it, and the crawler's environment finds the same ticket.
    /// </summary>
    [Fact]
    public async Task The_sidecar_command_gets_a_ticket_that_its_startup_probe_and_the_crawler_see()
    {
        foreach (var (pod, sidecar, rendering) in await KerberosPodsAsync())
        {
            var krb5ConfName = pod.Volume(MountOf(sidecar, sidecar.EnvValue("KRB5_CONFIG")!).Volume)!["configMap"].Text("name")!;
            var krb5Conf = rendering.Find("ConfigMap", krb5ConfName)!.Json["data"].Text(Path.GetFileName(sidecar.EnvValue("KRB5_CONFIG")!))!;
            var realm = DefaultRealm().Match(krb5Conf).Groups["realm"].Value;
            var podDirectory = _directory.File(pod.Owner.Name);
            await using var kdc = await KerberosKdc.StartAsync(_directory.File("kdc"), realm, $"mastro-crawler@{realm}");
            // The pod's krb5.conf, with its KDC moved to the local one; the keytab Secret holds the KDC's keytab.
            var addresses = Kdc().Matches(krb5Conf).Select(m => m.Groups["kdc"].Value).Distinct()
                .ToDictionary(host => host, _ => $"127.0.0.1:{kdc.Port}");
            var local = await LocalContainer.CreateAsync(rendering, sidecar, podDirectory, addresses);
            File.Copy(kdc.Keytab, local.LocalPath(Option(sidecar, "-f")));

            await using var k5start = RunningBinary.Start(sidecar.Command[0], sidecar.Args.Select(local.LocalPath), local.Environment, podDirectory);
            var probe = sidecar.Json["startupProbe"]!["exec"]!["command"].Strings();
            await WaitForSuccessAsync(probe, local.Environment, k5start);

            foreach (var crawler in pod.Containers.Where(c => c.RunsMastro))
            {
                // klist reads only the Kerberos variables; the crawler's other Secret values do not matter here.
                var secrets = crawler.Env.Select(e => e["valueFrom"]?["secretKeyRef"]).OfType<System.Text.Json.Nodes.JsonObject>()
                    .ToDictionary(r => $"{r.Text("name")}/{r.Text("key")}", _ => "unused");
                var crawlerView = await LocalContainer.CreateAsync(rendering, crawler, podDirectory, addresses, secrets);
                await using var klist = RunningBinary.Start("klist", [], crawlerView.Environment, podDirectory);
                Assert.Equal(0, await klist.WaitForExitAsync(TimeSpan.FromSeconds(10)));
                Assert.Contains($"mastro-crawler@{realm}", klist.Output);
            }
        }
    }

    private static async Task WaitForSuccessAsync(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment, RunningBinary sidecar)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            await using var run = RunningBinary.Start(command[0], command.Skip(1), environment, "/");
            if (await run.WaitForExitAsync(TimeSpan.FromSeconds(10)) == 0) return;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{string.Join(' ', command)} never succeeded; the sidecar said:\n{sidecar.Output}");
    }
}
