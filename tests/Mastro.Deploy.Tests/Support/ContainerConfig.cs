using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mastro.Core.Config;

namespace Mastro.Deploy.Tests.Support;

/// <summary>
/// The Mastro config a container runs with, found the way the process finds it: <c>--config</c> or
/// <c>MASTRO_CONFIG</c> → the volume mounted there → the ConfigMap key behind it.
/// </summary>
public sealed partial record ContainerConfig(Container Container, string Path, string MountPath, KubeObject ConfigMap, string Text)
{
    public const string EnvironmentVariable = "MASTRO_CONFIG";

    public static ContainerConfig Of(Rendering rendering, Container container)
    {
        var path = ConfigArgument(container.Args) ?? container.EnvValue(EnvironmentVariable)
            ?? throw new InvalidOperationException($"{container}: neither --config nor {EnvironmentVariable} is set");
        var mount = container.VolumeMounts
                        .Where(m => path.StartsWith(m.Text("mountPath")!.TrimEnd('/') + "/", StringComparison.Ordinal))
                        .MaxBy(m => m.Text("mountPath")!.Length)
                    ?? throw new InvalidOperationException($"{container}: no volume is mounted at {path}");
        var mountPath = mount.Text("mountPath")!.TrimEnd('/');
        var volume = container.Pod.Volume(mount.Text("name")!)
                     ?? throw new InvalidOperationException($"{container}: volume {mount.Text("name")} is not defined");
        var configMapName = volume["configMap"].Text("name")
                            ?? throw new InvalidOperationException($"{container}: {path} is not on a ConfigMap volume");
        var configMap = rendering.Find("ConfigMap", configMapName)
                        ?? throw new InvalidOperationException($"{container}: ConfigMap {configMapName} is not in {rendering.EntryPoint}");
        var key = path[(mountPath.Length + 1)..];
        var text = configMap.Json["data"].Text(key)
                   ?? throw new InvalidOperationException($"{container}: ConfigMap {configMapName} has no key {key}");
        return new ContainerConfig(container, path, mountPath, configMap, text);
    }

    private static string? ConfigArgument(IReadOnlyList<string> args)
    {
        for (var i = 0; i + 1 < args.Count; i++)
            if (args[i] is "--config" or "-c")
                return args[i + 1];
        return null;
    }

    /// <summary>A recognisable stand-in for a value the container gets from a Secret.</summary>
    public static string SecretStandIn(string secret, string key) => $"«secret {secret}/{key}»";

    /// <summary>Whether a config value is exactly one Secret value (a lone ${VAR} set from a Secret).</summary>
    public static bool IsSecretStandIn(string value) => SecretStandInPattern().IsMatch(value);

    [GeneratedRegex("^«secret [^«»]+»$")]
    private static partial Regex SecretStandInPattern();

    /// <summary>The container's environment variables: literal values as written, Secret values as <see cref="SecretStandIn"/>.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Container.Env.ToDictionary(e => e.Text("name")!, e => e.Text("value") ?? StandIn(e));

    /// <summary>Names of the variables that come from a Secret.</summary>
    public IReadOnlySet<string> SecretVariables =>
        Container.Env.Where(e => e["valueFrom"]?["secretKeyRef"] is not null).Select(e => e.Text("name")!).ToHashSet();

    private static string StandIn(JsonObject variable) =>
        variable["valueFrom"]?["secretKeyRef"] is { } secret
            ? SecretStandIn(secret.Text("name")!, secret.Text("key")!)
            : throw new InvalidOperationException($"env {variable.Text("name")}: only literal values and secretKeyRef are used here");

    /// <summary>The config as Mastro reads it, with the container's environment.</summary>
    public MastroConfig Load() =>
        ConfigLoader.Parse(Text, Path, name => Environment.GetValueOrDefault(name));

    public override string ToString() => $"{Container} config {Path} (ConfigMap {ConfigMap.Name})";
}
