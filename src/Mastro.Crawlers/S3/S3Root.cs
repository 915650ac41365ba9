using Mastro.Core.Config;

namespace Mastro.Crawlers.S3;

/// <summary>
/// A bucket and key prefix. <c>settings.bucket</c> names the bucket and <c>root</c> the prefix (the original listed the
/// bucket named by root while checking settings.bucket); a root written as <c>s3://bucket/prefix</c> (or s3a://, s3n://)
/// carries both.
/// </summary>
public sealed record S3Root(string Bucket, string Prefix)
{
    private static readonly string[] Schemes = ["s3://", "s3a://", "s3n://"];

    public static bool IsS3Uri(string root) => Schemes.Any(s => root.StartsWith(s, StringComparison.OrdinalIgnoreCase));

    public static S3Root From(string root, string? bucketSetting, string rootKey, string bucketKey)
    {
        if (IsS3Uri(root))
        {
            var rest = root[(root.IndexOf("://", StringComparison.Ordinal) + 3)..];
            var slash = rest.IndexOf('/');
            var bucket = slash < 0 ? rest : rest[..slash];
            if (bucket.Length == 0)
                throw new ConfigException($"{rootKey}: '{root}' has no bucket name");
            if (bucketSetting is not null && bucketSetting != bucket)
                throw new ConfigException($"{bucketKey}: '{bucketSetting}' differs from the bucket in {rootKey} ('{bucket}')");
            return new S3Root(bucket, FolderPrefix(slash < 0 ? "" : rest[(slash + 1)..]));
        }
        if (bucketSetting is null)
            throw new ConfigException($"{bucketKey}: missing (the bucket to crawl; {rootKey} is the key prefix inside it)");
        return new S3Root(bucketSetting, FolderPrefix(root));
    }

    /// <summary>A non-empty prefix names a folder, so <c>data</c> does not also match <c>database/…</c>.</summary>
    private static string FolderPrefix(string prefix)
    {
        prefix = prefix.TrimStart('/');
        return prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
    }

    public override string ToString() => $"s3://{Bucket}/{Prefix}";
}
