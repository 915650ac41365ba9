using System.Collections.Concurrent;
using Mastro.Testing;

namespace Mastro.Deploy.Tests.Support;

/// <summary>One entry point rendered by `kubectl kustomize` and schema-checked.</summary>
public sealed record Rendering(string EntryPoint, IReadOnlyList<KubeObject> Objects, IReadOnlyList<string> SchemaErrors)
{
    public IEnumerable<KubeObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    public KubeObject? Find(string kind, string name) => Objects.FirstOrDefault(o => o.Kind == kind && o.Name == name);

    public IEnumerable<PodTemplate> Pods => Objects.Select(o => o.Pod).OfType<PodTemplate>();

    public IEnumerable<Container> MastroContainers => Pods.SelectMany(p => p.Containers).Where(c => c.RunsMastro);

    private static readonly ConcurrentDictionary<string, Lazy<Task<Rendering>>> Cache = new();
    /// <summary>Rendered manifests go next to the test assembly, replaced on every run.</summary>
    private static readonly string WorkDirectory = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "rendered")).FullName;

    /// <summary>Renders (once per test run) the entry point <paramref name="entryPoint"/>, e.g. <c>overlays/postgres</c>.</summary>
    public static Task<Rendering> OfAsync(string entryPoint) =>
        Cache.GetOrAdd(entryPoint, e => new Lazy<Task<Rendering>>(() => RenderAsync(e))).Value;

    public static async Task<IReadOnlyList<Rendering>> AllAsync() =>
        await Task.WhenAll(DeployPaths.EntryPoints.Select(OfAsync));

    private static async Task<Rendering> RenderAsync(string entryPoint)
    {
        var output = Path.Combine(WorkDirectory, entryPoint.Replace('/', '-') + ".yaml");
        await ExternalProcess.RunAsync(DeployPaths.Kubectl, ["kustomize", Path.Combine(DeployPaths.Kubernetes, entryPoint), "-o", output]);
        var result = await ManifestValidator.ValidateAsync(output);
        return new Rendering(entryPoint, result.Objects.Select(o => new KubeObject(entryPoint, o)).ToList(), result.Errors);
    }
}
