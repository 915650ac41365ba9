namespace Mastro.Crawlers.Files;

/// <summary>A tree of files to crawl: a local directory or an S3 bucket prefix.</summary>
public interface IFileTree : IAsyncDisposable
{
    /// <summary>Where the tree is, for logs, e.g. <c>s3://bucket/prefix/</c>.</summary>
    string Location { get; }

    /// <summary>Every file below the root, recursively, with problems (unreadable directories) reported in line.</summary>
    IAsyncEnumerable<TreeEntry> ListAsync(CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(TreeFile file, CancellationToken cancellationToken);
}

public abstract record TreeEntry(string Path);

/// <summary>A file; <see cref="TreeEntry.Path"/> is the full path or object key, <see cref="RelativePath"/> is below the root with '/' separators.</summary>
public sealed record TreeFile(string Path, string RelativePath) : TreeEntry(Path)
{
    public string Name => RelativePath[(RelativePath.LastIndexOf('/') + 1)..];

    /// <summary>The parent folder's relative path ("" at the root).</summary>
    public string Folder => RelativePath.LastIndexOf('/') is var slash and >= 0 ? RelativePath[..slash] : "";
}

/// <summary>A part of the tree that could not be listed or read.</summary>
public sealed record TreeProblem(string Path, string Reason) : TreeEntry(Path);
