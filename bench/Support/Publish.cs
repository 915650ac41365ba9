using Mastro.Testing;

namespace Mastro.Bench.Support;

/// <summary>Publishes mastro with deploy/publish.sh (self-contained single file, as the container ships it).</summary>
public static class Publish
{
    public static async Task<MastroBinary> RunAsync(string scratch, CancellationToken cancellationToken)
    {
        var output = Path.Combine(scratch, "publish");
        Console.WriteLine("# publishing mastro with deploy/publish.sh …");
        await ExternalProcess.RunAsync("sh",
            [Path.Combine(RepositoryPaths.Root, "deploy", "publish.sh"), output, Path.Combine(scratch, "publish-artifacts")],
            RepositoryPaths.Root, TimeSpan.FromMinutes(15));
        cancellationToken.ThrowIfCancellationRequested();
        var binary = MastroBinary.Published(Path.Combine(output, "mastro"));
        return binary with { Description = $"self-contained single-file publish (deploy/publish.sh)" };
    }
}
