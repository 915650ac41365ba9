using Mastro.Deploy.Tests.Support;

namespace Mastro.Deploy.Tests;

/// <summary>
/// Every pod meets Pod Security "restricted" (non-root, no privilege escalation, every capability dropped,
/// RuntimeDefault seccomp) and more: read-only root filesystem, no API token, requests and limits.
/// </summary>
public sealed class PodSecurityTests
{
    public static TheoryData<string> EntryPoints => new(DeployPaths.EntryPoints);

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Pods_run_as_non_root_with_seccomp_and_without_host_access_or_an_API_token(string entryPoint)
    {
        var pods = (await Rendering.OfAsync(entryPoint)).Pods.ToList();

        Assert.NotEmpty(pods);
        Assert.All(pods, pod =>
        {
            var security = pod.Spec["securityContext"];
            Assert.True(security.IsTrue("runAsNonRoot"), $"{pod}: runAsNonRoot");
            Assert.True(security?["runAsUser"]?.GetValue<int>() > 0, $"{pod}: runAsUser must be a non-root uid");
            Assert.Equal("RuntimeDefault", security?["seccompProfile"].Text("type"));
            Assert.True(pod.Spec.IsFalse("automountServiceAccountToken"), $"{pod}: automountServiceAccountToken must be false");
            Assert.Equal("mastro", pod.Spec.Text("serviceAccountName"));
            foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
                Assert.False(pod.Spec.IsTrue(host), $"{pod}: {host}");
            Assert.All(pod.Spec["volumes"].Objects(), v => Assert.Null(v["hostPath"]));
        });
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Containers_are_read_only_unprivileged_without_capabilities_and_with_resources(string entryPoint)
    {
        var containers = (await Rendering.OfAsync(entryPoint)).Pods.SelectMany(p => p.Containers).ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, container =>
        {
            var security = container.SecurityContext;
            Assert.True(security.IsFalse("allowPrivilegeEscalation"), $"{container}: allowPrivilegeEscalation must be false");
            Assert.True(security.IsTrue("readOnlyRootFilesystem"), $"{container}: readOnlyRootFilesystem");
            Assert.False(security.IsTrue("privileged"), $"{container}: privileged");
            Assert.Contains("ALL", security?["capabilities"]?["drop"].Strings() ?? []);
            Assert.Empty(security?["capabilities"]?["add"].Strings() ?? []);
            Assert.All(container.Json["ports"].Objects(), p => Assert.Null(p["hostPort"]));
            var resources = container.Json["resources"];
            foreach (var (kind, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "memory") })
                Assert.True(resources?[kind].Text(resource) is not null, $"{container}: resources.{kind}.{resource}");
        });
    }

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task Mastro_containers_mount_nothing_under_etc_or_tmp(string entryPoint)
    {
        var mounts = (await Rendering.OfAsync(entryPoint)).Pods
            .SelectMany(p => p.Containers)
            .Where(c => c.Image.Split(':')[0] == Container.MastroImage)
            .SelectMany(c => c.VolumeMounts.Select(m => (Container: c, Path: m.Text("mountPath")!)))
            .ToList();

        Assert.NotEmpty(mounts);
        Assert.All(mounts, m => Assert.False(
            m.Path is "/etc" or "/tmp" || m.Path.StartsWith("/etc/", StringComparison.Ordinal) || m.Path.StartsWith("/tmp/", StringComparison.Ordinal),
            $"{m.Container} mounts {m.Path}"));
    }

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task The_namespace_enforces_the_restricted_pod_security_standard(string overlay)
    {
        var ns = Assert.Single((await Rendering.OfAsync(overlay)).OfKind("Namespace"));

        Assert.Equal("mastro", ns.Name);
        Assert.Equal("restricted", ns.Json["metadata"]!["labels"].Text("pod-security.kubernetes.io/enforce"));
    }

    [Theory]
    [MemberData(nameof(ServerOverlays))]
    public async Task The_service_account_mounts_no_token(string overlay)
    {
        var account = (await Rendering.OfAsync(overlay)).Find("ServiceAccount", "mastro");

        Assert.NotNull(account);
        Assert.True(account.Json.IsFalse("automountServiceAccountToken"));
    }

    public static TheoryData<string> ServerOverlays => new(DeployPaths.ServerOverlays);
}
