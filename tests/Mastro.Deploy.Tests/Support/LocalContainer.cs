namespace Mastro.Deploy.Tests.Support;

/// <summary>
/// A container of a rendered pod, prepared to run as a local process of the published binary: its volume mounts
/// become directories (ConfigMap volumes filled with their files), it gets the image's environment plus its own
/// (Secret values supplied by the test), and cluster addresses in its files and env become local ones.
/// Nothing else of the container is changed.
/// </summary>
public sealed record LocalContainer(Container Container, IReadOnlyDictionary<string, string> Environment, IReadOnlyDictionary<string, string> Mounts)
{
    /// <summary>Where a path inside the container is on this machine.</summary>
    public string LocalPath(string containerPath) =>
        Mounts.Aggregate(containerPath, (path, mount) => path.Replace(mount.Key + "/", mount.Value + "/", StringComparison.Ordinal));

    /// <param name="addresses">cluster address (e.g. <c>mastro-catalogue:8085</c>) → local address (<c>127.0.0.1:41234</c>).</param>
    /// <param name="secrets">"secret/key" → value, for the container's secretKeyRef variables.</param>
    public static async Task<LocalContainer> CreateAsync(Rendering rendering, Container container, string directory,
        IReadOnlyDictionary<string, string>? addresses = null, IReadOnlyDictionary<string, string>? secrets = null)
    {
        var mounts = container.VolumeMounts.ToDictionary(m => m.Text("mountPath")!.TrimEnd('/'), m => Path.Combine(directory, m.Text("name")!));
        var local = new LocalContainer(container, new Dictionary<string, string>(), mounts);
        string Localise(string text) => (addresses ?? new Dictionary<string, string>())
            .Aggregate(local.LocalPath(text), (t, a) => t.Replace(a.Key, a.Value, StringComparison.Ordinal));

        foreach (var mount in container.VolumeMounts)
        {
            var target = Directory.CreateDirectory(mounts[mount.Text("mountPath")!.TrimEnd('/')]).FullName;
            var configMapName = container.Pod.Volume(mount.Text("name")!)?["configMap"].Text("name");
            if (configMapName is null) continue;
            var configMap = rendering.Find("ConfigMap", configMapName)
                            ?? throw new InvalidOperationException($"{container}: ConfigMap {configMapName} is not in {rendering.EntryPoint}");
            foreach (var (file, content) in configMap.Json["data"].StringMap())
                await File.WriteAllTextAsync(Path.Combine(target, file), Localise(content));
        }

        var environment = ImageEnvironment();
        foreach (var variable in container.Env)
        {
            var name = variable.Text("name")!;
            environment[name] = variable.Text("value") is { } value
                ? Localise(value)
                : variable["valueFrom"]?["secretKeyRef"] is { } secret && secrets?.GetValueOrDefault($"{secret.Text("name")}/{secret.Text("key")}") is { } secretValue
                    ? secretValue
                    : throw new InvalidOperationException($"{container}: env {name} needs a value from the test");
        }
        return local with { Environment = environment };
    }

    /// <summary>
    /// What any container of the image sees before its own env: the base image's variables (Microsoft's
    /// runtime-deps image sets these), the Dockerfile's ENV, and HOME/TMPDIR where nothing can be written, as on a
    /// read-only root filesystem.
    /// </summary>
    public static Dictionary<string, string> ImageEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["APP_UID"] = "1654",
            ["ASPNETCORE_HTTP_PORTS"] = "8080",
            ["DOTNET_RUNNING_IN_CONTAINER"] = "true",
            ["HOME"] = "/dev/null/home",
            ["TMPDIR"] = "/dev/null/tmp",
        };
        foreach (var env in Dockerfile.Parse(File.ReadAllText(DeployPaths.Dockerfile)).Final.All("ENV"))
        {
            var equals = env.Arguments.IndexOf('=');
            environment[env.Arguments[..equals]] = env.Arguments[(equals + 1)..];
        }
        return environment;
    }
}
