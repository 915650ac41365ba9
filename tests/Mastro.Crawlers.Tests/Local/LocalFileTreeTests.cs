using Mastro.Crawlers.Config;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Manifests;
using Mastro.Crawlers.Sources;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.Local;

public sealed class LocalFileTreeTests : IDisposable
{
    private readonly TempDirectory _tree = new();

    public void Dispose()
    {
        // Directory.Delete cannot remove paths longer than PATH_MAX; rm walks with relative paths.
        ExternalProcess.RunAsync("rm", ["-rf", _tree.Path]).GetAwaiter().GetResult();
        _tree.Dispose();
    }

    private async Task<List<TreeEntry>> ListAsync()
    {
        await using var tree = new LocalFileTree(_tree.Path, "root");
        var entries = new List<TreeEntry>();
        await foreach (var entry in tree.ListAsync(CancellationToken.None)) entries.Add(entry);
        return entries;
    }

    [Fact]
    public async Task Files_come_in_name_order_with_relative_paths_and_hidden_folders_are_not_entered()
    {
        foreach (var path in new[] { "b/2.txt", "b/1.txt", "a.txt", "c/d/e.txt", ".git/config", "..data/MANIFEST.yaml", ".hidden-file" })
            ManifestTree.Write(_tree.Path, path, "x");

        var files = (await ListAsync()).Cast<TreeFile>().ToList();

        // Depth-first; a folder's files first, in ordinal name order.
        Assert.Equal([".hidden-file", "a.txt", "c/d/e.txt", "b/1.txt", "b/2.txt"], files.Select(f => f.RelativePath));
        Assert.All(files, f => Assert.Equal(Path.Combine(_tree.Path, f.RelativePath), f.Path));
        Assert.Equal(["", "", "c/d", "b", "b"], files.Select(f => f.Folder));
    }

    [Fact]
    public async Task Directory_symlinks_are_not_entered_so_loops_end_but_file_symlinks_are_listed()
    {
        ManifestTree.Write(_tree.Path, "data/MANIFEST.yaml", "name: real\ntype: dataset\n");
        Directory.CreateSymbolicLink(Path.Combine(_tree.Path, "data", "loop"), _tree.Path);
        Directory.CreateSymbolicLink(Path.Combine(_tree.Path, "elsewhere"), Path.Combine(_tree.Path, "data"));
        File.CreateSymbolicLink(Path.Combine(_tree.Path, "linked.yaml"), Path.Combine(_tree.Path, "data", "MANIFEST.yaml"));
        File.CreateSymbolicLink(Path.Combine(_tree.Path, "dangling.yaml"), Path.Combine(_tree.Path, "nothing-here"));

        var files = (await ListAsync()).Cast<TreeFile>().Select(f => f.RelativePath);

        Assert.Equal(["dangling.yaml", "linked.yaml", "data/MANIFEST.yaml"], files);
    }

    [Fact]
    public async Task A_dangling_symlink_named_like_a_manifest_is_a_skip_with_its_reason()
    {
        ManifestTree.Write(_tree.Path, "ok/MANIFEST.yaml", "name: ok\ntype: dataset\n");
        Directory.CreateDirectory(Path.Combine(_tree.Path, "gone"));
        File.CreateSymbolicLink(Path.Combine(_tree.Path, "gone", "MANIFEST.yaml"), Path.Combine(_tree.Path, "nothing-here"));

        var items = await Crawl.ItemsAsync(new ManifestSource(new LocalFileTree(_tree.Path, "root"), NameFilter.Parse("MANIFEST.yaml", "f")));

        Assert.Equal("ok", Assert.IsType<FoundAsset>(items[0]).Asset.Name);
        var skipped = Assert.IsType<SkippedItem>(items[1]);
        Assert.EndsWith("gone/MANIFEST.yaml", skipped.Origin);
        Assert.StartsWith("cannot read: ", skipped.Reason);
    }

    [Fact]
    public async Task A_directory_that_cannot_be_listed_is_reported_in_line_and_the_rest_is_still_listed()
    {
        // Even root cannot open a directory whose path is longer than PATH_MAX (4096 bytes): made with relative paths.
        ManifestTree.Write(_tree.Path, "a/MANIFEST.yaml", "x");
        ManifestTree.Write(_tree.Path, "z/MANIFEST.yaml", "x");
        // (perl's chdir takes the relative name as it is; a shell's cd would build the whole path.)
        await ExternalProcess.RunAsync("perl", ["-e", """$l = "l" x 250; for (1..20) { mkdir $l or die "$!"; chdir $l or die "$!" } open(F, ">MANIFEST.yaml") or die "$!";"""],
            workingDirectory: Directory.CreateDirectory(Path.Combine(_tree.Path, "deep")).FullName);

        var entries = await ListAsync();

        var problem = Assert.Single(entries.OfType<TreeProblem>());
        Assert.StartsWith("cannot list directory: ", problem.Reason);
        Assert.True(problem.Path.Length > 4096);
        Assert.Equal(["z/MANIFEST.yaml", "a/MANIFEST.yaml"], entries.OfType<TreeFile>().Select(f => f.RelativePath));
    }
}
