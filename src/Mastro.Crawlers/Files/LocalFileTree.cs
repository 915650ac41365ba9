using System.IO.Enumeration;
using System.Runtime.CompilerServices;
using Mastro.Core.Config;

namespace Mastro.Crawlers.Files;

/// <summary>
/// A local directory walked depth-first. Hidden directories (<c>.git</c>, and Kubernetes' <c>..data</c> ConfigMap
/// mounts, which would list every file twice) and directory symlinks (loops) are not entered.
/// </summary>
/// <remarks>
/// Only directories are read, like <c>find -name</c>: a directory entry carries its name and type, so files are
/// neither stat-ed nor opened here (a dangling symlink shows up when it is read). Only subdirectories are
/// <c>lstat</c>-ed, because the entry's type does not tell a directory from a symlink to one.
/// </remarks>
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
        var pending = new Stack<Folder>();
        pending.Push(new Folder(Path.TrimEndingDirectorySeparator(_root), ""));
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            var (entries, problem) = Read(folder.Path);
            if (problem is not null)
            {
                yield return new TreeProblem(folder.Path, problem);
                continue;
            }
            foreach (var entry in entries!)
            {
                if (entry.Kind == EntryKind.File)
                    yield return new TreeFile(Path.Join(folder.Path, entry.Name), folder.RelativePrefix + entry.Name);
                else if (entry.Kind == EntryKind.Directory && !entry.Name.StartsWith('.'))
                    pending.Push(new Folder(Path.Join(folder.Path, entry.Name), folder.RelativePrefix + entry.Name + "/"));
            }
            await Task.Yield();
        }
    }

    /// <summary>A directory to read, with its path below the root ("" or ending in '/') for the files' relative paths.</summary>
    private readonly record struct Folder(string Path, string RelativePrefix);

    private enum EntryKind { File, Directory, DirectoryLink }

    private readonly record struct Entry(string Name, EntryKind Kind);

    private static readonly EnumerationOptions OneLevel = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>The directory's entries in name order, so that every run (and every platform) lists the same order.</summary>
    private static (List<Entry>? Entries, string? Problem) Read(string directory)
    {
        try
        {
            var entries = new List<Entry>(new FileSystemEnumerable<Entry>(directory, Describe, OneLevel));
            entries.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            return (entries, null);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return (null, $"cannot list directory: {e.Message}");
        }
    }

    // Attributes costs an lstat, so it is only asked of directories.
    private static Entry Describe(ref FileSystemEntry entry) => new(
        entry.FileName.ToString(),
        !entry.IsDirectory ? EntryKind.File
        : (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? EntryKind.DirectoryLink
        : EntryKind.Directory);

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
