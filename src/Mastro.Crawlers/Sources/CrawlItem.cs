using Mastro.Core.Model;

namespace Mastro.Crawlers.Sources;

/// <summary>What a source reports while crawling: an asset it found, or something it had to skip and why.</summary>
public abstract record CrawlItem(string Origin);

/// <summary>An asset and where it came from (file path, object key, table…), for logs and skip reasons.</summary>
public sealed record FoundAsset(Asset Asset, string Origin) : CrawlItem(Origin);

/// <summary>Something that could not become an asset (broken manifest, unreadable file…): never dropped silently.</summary>
public sealed record SkippedItem(string Origin, string Reason) : CrawlItem(Origin);
