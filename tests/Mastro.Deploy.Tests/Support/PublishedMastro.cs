using Mastro.Testing;

namespace Mastro.Deploy.Tests.Support;

/// <summary>
/// The self-contained single-file linux-x64 `mastro` that deploy/publish.sh makes — what the container image
/// ships. Published once per test run (it is a full Release build), on first use.
/// </summary>
public sealed class PublishedMastro
{
    private static readonly Lazy<Task<PublishedMastro>> Shared = new(PublishAsync);

    public static Task<PublishedMastro> GetAsync() => Shared.Value;

    public string Directory { get; }
    public string Executable => Path.Combine(Directory, "mastro");

    private PublishedMastro(string directory) => Directory = directory;

    /// <summary>
    /// Publishes next to the test assembly (inside the build output, so nothing lands in the source tree), with its
    /// own bin/obj there too: reruns build incrementally. The output folder starts empty, so it holds exactly what
    /// this publish made.
    /// </summary>
    private static async Task<PublishedMastro> PublishAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "published");
        if (System.IO.Directory.Exists(output)) System.IO.Directory.Delete(output, recursive: true);
        await ExternalProcess.RunAsync("sh",
            [Path.Combine(RepositoryPaths.Root, "deploy", "publish.sh"), output, Path.Combine(AppContext.BaseDirectory, "publish-artifacts")],
            RepositoryPaths.Root, TimeSpan.FromMinutes(15));
        return new PublishedMastro(output);
    }
}
