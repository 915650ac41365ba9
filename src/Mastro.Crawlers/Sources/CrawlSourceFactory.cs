using Mastro.Crawlers.Config;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Hive;
using Mastro.Crawlers.Manifests;
using Mastro.Crawlers.S3;
using Mastro.Crawlers.SparkLogs;
using Mastro.Crawlers.Stac;
using Mastro.Core.Config;

namespace Mastro.Crawlers.Sources;

/// <summary>
/// Builds the source named by <c>backend.type</c>. <see cref="Prepare"/> checks every setting without connecting to
/// anything, so a bad config fails at startup (and in <c>mastro config validate</c>) with a message naming the key.
/// </summary>
public static class CrawlSourceFactory
{
    public const string RootKey = "backend.crawler.root";

    /// <summary>Validates the source settings and returns how to create the source.</summary>
    public static Func<ICrawlSource> Prepare(CrawlerSettings settings)
    {
        switch (settings.SourceType)
        {
            case SourceTypes.Local:
            {
                var tree = LocalTree(settings.Root);
                return () => new ManifestSource(tree(), settings.Filter);
            }
            case SourceTypes.S3:
            {
                var tree = S3Tree(settings, settings.Root);
                return () => new ManifestSource(tree(), settings.Filter);
            }
            case SourceTypes.SparkLog:
            {
                // Event logs sit in a directory or, like spark.eventLog.dir=s3a://bucket/prefix, in S3.
                var onS3 = S3Root.IsS3Uri(settings.Root) || settings.Backend.Setting("bucket") is not null;
                var tree = onS3 ? S3Tree(settings, settings.Root) : LocalTree(settings.Root);
                var includeInProgress = Settings(settings).Bool("include-inprogress", false);
                return () => new SparkEventLogSource(tree(), includeInProgress);
            }
            case SourceTypes.Hive or SourceTypes.HiveMetastore or SourceTypes.Impala:
            {
                var metastore = MetastoreSettings.From(settings.Backend, settings.Timeout);
                var root = MetastoreRoot.Parse(settings.Root, RootKey);
                return () => new HiveMetastoreSource(metastore, root);
            }
            case SourceTypes.Stac:
            {
                if (string.IsNullOrWhiteSpace(settings.Root))
                    throw new ConfigException($"{RootKey}: missing (a STAC catalog/collection file or URL, a directory of them, or an openEO layercatalog.json)");
                var root = settings.Root;
                return () => new StacSource(root, new StacDocuments(new HttpClient { Timeout = settings.Timeout }));
            }
            default:
                throw new InvalidOperationException($"no source for {settings.SourceType}");
        }
    }

    private static ConfigValues Settings(CrawlerSettings settings) => new(settings.Backend.Settings, "backend.settings");

    private static Func<IFileTree> LocalTree(string root)
    {
        var tree = new LocalFileTree(root, RootKey);
        return () => tree;
    }

    /// <summary>An S3 prefix: <c>settings.bucket</c> + <paramref name="root"/> as key prefix, or an <c>s3://bucket/prefix</c> root.</summary>
    private static Func<IFileTree> S3Tree(CrawlerSettings settings, string root)
    {
        var location = S3Root.From(root, settings.Backend.Setting("bucket"), RootKey, "backend.settings.bucket");
        var s3 = S3Settings.From(settings.Backend);
        return () => new S3FileTree(S3ClientFactory.Create(s3, settings.Timeout), location);
    }
}
