using System.Runtime.CompilerServices;
using Mastro.Cli;
using Mastro.Cli.Commands;
using Mastro.Core.Config;
using Mastro.Core.Model;
using Mastro.Core.Storage;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Manifests;
using Mastro.Crawlers.Push;
using Mastro.Crawlers.Running;
using Mastro.Crawlers.Tests.Support;
using Mastro.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mastro.Crawlers.Tests.Push;

/// <summary>Direct mode: the crawler writes into a real store (SQLite here) without a catalogue service.</summary>
public sealed class DirectModeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private SqliteStoreSettings Store => new(_directory.File("catalogue.db"));

    [Fact]
    public async Task Assets_are_stored_and_stale_ones_marked_through_the_store()
    {
        ManifestTree.Write(_directory.Path, "tree/a/MANIFEST.yaml", ManifestTree.Valid);
        await using (var store = await StoreFactory.OpenAsync(Store, CancellationToken.None))
        {
            await new Mastro.Core.Services.AssetCatalogue(store.Assets, TimeProvider.System).UpsertAsync(
                [CrawlerLabels.Stamp(new Asset { Name = "gone", Type = "dataset" }, "direct")], CancellationToken.None);
        }
        var store2 = await StoreFactory.OpenAsync(Store, CancellationToken.None);
        await using var sink = new DirectAssetSink(store2, TimeProvider.System, Crawl.FastRetries, NullLogger.Instance);
        var source = new ManifestSource(new LocalFileTree(_directory.File("tree"), "root"), Mastro.Crawlers.Config.NameFilter.Parse("MANIFEST.yaml", "f"));

        var report = await Crawl.RunAsync(source, sink, "direct");

        Assert.True(report.Succeeded);
        Assert.Equal(1, report.Sent);
        Assert.Equal(1, report.MarkedStale);
        var stored = await store2.Assets.FindAsync("sales-daily", CancellationToken.None);
        Assert.Equal("direct", stored!.Labels["crawler"].GetString());
        Assert.NotEqual(default, stored.LastDiscoveredAt);
        var gone = await store2.Assets.FindAsync("gone", CancellationToken.None);
        Assert.Equal("direct", gone!.Labels["stale"].GetProperty("crawler").GetString());
    }

    [Fact]
    public async Task Stale_marking_leaves_alone_an_asset_edited_or_deleted_after_it_was_read()
    {
        await using var store = await StoreFactory.OpenAsync(Store, CancellationToken.None);
        var catalogue = new Mastro.Core.Services.AssetCatalogue(store.Assets, TimeProvider.System);
        await catalogue.UpsertAsync([Crawled("gone"), Crawled("edited"), Crawled("deleted")], CancellationToken.None);
        var sinkStore = await StoreFactory.OpenAsync(Store, CancellationToken.None);
        await using var sink = new ChangesAfterTheRead(new DirectAssetSink(sinkStore, TimeProvider.System, Crawl.FastRetries, NullLogger.Instance), async () =>
        {
            await catalogue.UpsertAsync([Crawled("edited") with { Description = "edited by hand" }], CancellationToken.None);
            await catalogue.DeleteAsync("deleted", CancellationToken.None);
        });

        var marked = await new StaleMarker(sink, "direct", batchSize: 100, NullLogger.Instance).MarkAsync(new HashSet<string>(), CancellationToken.None);

        Assert.Equal(1, marked);
        Assert.True((await catalogue.FindAsync("gone", CancellationToken.None))!.Labels.ContainsKey("stale"));
        var edited = await catalogue.FindAsync("edited", CancellationToken.None);
        Assert.Equal("edited by hand", edited!.Description);
        Assert.False(edited.Labels.ContainsKey("stale"));
        Assert.Null(await catalogue.FindAsync("deleted", CancellationToken.None));
    }

    private static Asset Crawled(string name) => CrawlerLabels.Stamp(new Asset { Name = name, Type = "dataset" }, "direct");

    /// <summary>A sink that runs <paramref name="meanwhile"/> once the crawler's assets have been read, before any is sent back.</summary>
    private sealed class ChangesAfterTheRead(IAssetSink inner, Func<Task> meanwhile) : IAssetSink
    {
        public string Description => inner.Description;

        public Task<SendResult> SendAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken) =>
            inner.SendAsync(assets, cancellationToken);

        public Task<SendResult> SendUnchangedAsync(IReadOnlyList<Asset> assets, CancellationToken cancellationToken) =>
            inner.SendUnchangedAsync(assets, cancellationToken);

        public async IAsyncEnumerable<Asset> FindByCrawlerAsync(string crawlerName, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var asset in inner.FindByCrawlerAsync(crawlerName, cancellationToken))
                yield return asset;
            await meanwhile();
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    [Fact]
    public async Task The_cli_runs_a_direct_mode_config_once()
    {
        ManifestTree.Write(_directory.Path, "tree/a/MANIFEST.yaml", ManifestTree.Valid);
        var config = ConfigLoader.Parse($"""
            type: crawler
            backend:
              name: direct-cli
              type: local
              crawler:
                root: {_directory.File("tree")}
                store-type: sqlite
                store-path: {Store.Path}
            """, "test.yml", _ => null);

        Assert.Equal(0, await CrawlCommand.RunAsync(config, once: true, CancellationToken.None));

        await using var store = await StoreFactory.OpenAsync(Store, CancellationToken.None);
        Assert.NotNull(await store.Assets.FindAsync("sales-daily", CancellationToken.None));
    }
}
