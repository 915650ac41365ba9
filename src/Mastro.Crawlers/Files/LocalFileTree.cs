using System.Runtime.CompilerServices;
using Mastro.Core.Config;

namespace Mastro.Crawlers.Files;

/// <summary>
/// A local directory walked depth-first. Hidden directories (<c>.git</c>, and Kubernetes' <c>..data</c> ConfigMap
/// mounts, which would list every file twice) and directory symlinks (loops) are not entered.
/// </summary>
public sealed class LocalFileTree : IFileTree
{
    private readonly string _root;

    public LocalFileTree(string root, string key)
    {
        if (string.IsNullOrWhiteSpace(root))
            throw new ConfigException($"{key}: missing (the directory to crawl)");
        _root = Path.GetFullPath(root);
    }

    public string Location => _root;

    public async IAsyncEnumerable<TreeEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_root))
            throw new DirectoryNotFoundException($"root directory {_root} does not exist");
        var pending = new Stack<string>();
        pending.Push(_root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var directory = pending.Pop();
            var (entries, problem) = Read(directory);
            if (problem is not null)
            {
                yield return new TreeProblem(directory, problem);
                continue;
            }
            foreach (var entry in entries!.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                if (entry is DirectoryInfo sub)
                {
                    if (sub.LinkTarget is null && !sub.Name.StartsWith('.'))
                        pending.Push(sub.FullName);
                }
                else if (entry is FileInfo file)
                {
                    yield return new TreeFile(file.FullName, Path.GetRelativePath(_root, file.FullName).Replace('\\', '/'), Length(file));
                }
            }
            await Task.Yield();
        }
    }

    private static (FileSystemInfo[]? Entries, string? Problem) Read(string directory)
    {
        try
        {
            return (new DirectoryInfo(directory).GetFileSystemInfos(), null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return (null, $"cannot list directory: {e.Message}");
        }
    }

    // A dangling symlink has no length; reading it later reports the problem.
    private static long Length(FileInfo file) => file.Exists ? file.Length : 0;

    public Task<Stream> OpenReadAsync(TreeFile file, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(file.Path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        }));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
