using Mastro.Testing;

namespace Mastro.Deploy.Tests.Support;

/// <summary>Where deploy/ and the tools the tests run are, and which Kustomize directories are applied on their own.</summary>
public static class DeployPaths
{
    public static string Kubernetes { get; } = Path.Combine(RepositoryPaths.Root, "deploy", "kubernetes");

    public static string Dockerfile { get; } = Path.Combine(RepositoryPaths.Root, "Dockerfile");

    public static string DeployGuide { get; } = Path.Combine(RepositoryPaths.Root, "docs", "DEPLOY.md");

    /// <summary>The npm prefix holding kubernetes-models and js-yaml (./test.sh installs them).</summary>
    public static string Tools { get; } = Path.Combine(RepositoryPaths.Root, ".tools");

    public static string Validator { get; } = Path.Combine(RepositoryPaths.Root, "tests", "Mastro.Deploy.Tests", "validate.mjs");

    /// <summary>
    /// Every directory that `kubectl apply -k` takes: the server overlays and each crawler, relative to
    /// deploy/kubernetes (e.g. <c>overlays/postgres</c>). The other kustomizations are parts of these.
    /// </summary>
    public static IReadOnlyList<string> EntryPoints { get; } =
        new[] { "overlays", "crawlers" }
            .SelectMany(parent => Directory.GetDirectories(Path.Combine(Kubernetes, parent)))
            .Where(directory => File.Exists(Path.Combine(directory, "kustomization.yaml")))
            .Select(directory => Path.GetRelativePath(Kubernetes, directory).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static IReadOnlyList<string> ServerOverlays { get; } = EntryPoints.Where(e => e.StartsWith("overlays/", StringComparison.Ordinal)).ToList();

    public static IReadOnlyList<string> Crawlers { get; } = EntryPoints.Where(e => e.StartsWith("crawlers/", StringComparison.Ordinal)).ToList();

    public static string Kubectl =>
        File.Exists("/usr/bin/kubectl") ? "/usr/bin/kubectl"
        : ExternalProcess.OnPath("kubectl")
          ?? throw new InvalidOperationException("kubectl not found (it renders deploy/kubernetes with `kubectl kustomize`); install it, see docs/DEPLOY.md");

    public static string Node =>
        ExternalProcess.OnPath("node") ?? throw new InvalidOperationException("node not found: run ./test.sh, which installs nodejs");
}
