using Mastro.Bench.Measure;

namespace Mastro.Bench.Support;

/// <summary>
/// What the scenarios of one run share: sizes, the stores to measure, the report, a scratch directory, the mastro binary, and the
/// SQLite catalogue loaded with <see cref="BenchSizes.Assets"/> assets (loaded once, by whichever scenario asks first).
/// </summary>
public sealed class BenchContext(BenchSizes sizes, IReadOnlySet<string> stores, Report report, MastroBinary binary, string scratch)
    : IAsyncDisposable
{
    private Task<LoadedCatalogue>? _catalogue;

    public BenchSizes Sizes => sizes;

    /// <summary>Whether scenarios that measure both stores measure this one (<c>--store</c>).</summary>
    public bool Measures(string store) => stores.Contains(store);

    public Report Report => report;
    public MastroBinary Binary => binary;

    /// <summary>A fresh directory for one scenario's files, under the run's scratch directory.</summary>
    public string Directory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(scratch, name)).FullName;

    public Task<LoadedCatalogue> CatalogueAsync(CancellationToken cancellationToken) =>
        _catalogue ??= LoadedCatalogue.StartAsync(this, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_catalogue is { IsCompletedSuccessfully: true }) await (await _catalogue).DisposeAsync();
    }
}

/// <summary><c>mastro serve</c> on SQLite, loaded over HTTP with assets 0 … Assets-1; how fast the load went.</summary>
public sealed class LoadedCatalogue(RunningMastro server, long assets, BulkUpload.Result load) : IAsyncDisposable
{
    public RunningMastro Server => server;
    public long Assets => assets;
    public BulkUpload.Result Load => load;

    public static async Task<LoadedCatalogue> StartAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var server = await RunningMastro.StartSqliteAsync(context, "catalogue", cancellationToken);
        try
        {
            var load = await BulkUpload.RunAsync(server, 0, context.Sizes.Assets, cancellationToken);
            return new LoadedCatalogue(server, context.Sizes.Assets, load);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
