using Mastro.Bench.Measure;
using Mastro.Testing;

namespace Mastro.Bench.Support;

/// <summary>
/// What the scenarios of one run share: sizes, the stores to measure, the report, a scratch directory, the mastro binary, and the
/// catalogues loaded with <see cref="BenchSizes.Assets"/> assets, on SQLite and on PostgreSQL (each loaded once, by
/// whichever scenario asks first).
/// </summary>
public sealed class BenchContext(BenchSizes sizes, IReadOnlySet<string> stores, Report report, MastroBinary binary, string scratch)
    : IAsyncDisposable
{
    private Task<LoadedCatalogue>? _catalogue;
    private Task<LoadedCatalogue>? _postgresCatalogue;

    public BenchSizes Sizes => sizes;

    /// <summary>Whether scenarios that measure both stores measure this one (<c>--store</c>).</summary>
    public bool Measures(string store) => stores.Contains(store);

    public Report Report => report;
    public MastroBinary Binary => binary;

    /// <summary>A fresh directory for one scenario's files, under the run's scratch directory.</summary>
    public string Directory(string name) => System.IO.Directory.CreateDirectory(Path.Combine(scratch, name)).FullName;

    public Task<LoadedCatalogue> CatalogueAsync(CancellationToken cancellationToken) =>
        _catalogue ??= LoadedCatalogue.StartAsync(
            this, () => RunningMastro.StartSqliteAsync(this, "catalogue", cancellationToken), cancellationToken);

    /// <summary>The same catalogue on PostgreSQL: a server on a fresh database of the throwaway cluster, loaded alike.</summary>
    public Task<LoadedCatalogue> PostgresCatalogueAsync(CancellationToken cancellationToken) =>
        _postgresCatalogue ??= LoadedCatalogue.StartAsync(this, async () =>
        {
            var database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("catalogue");
            return await RunningMastro.StartPostgresAsync(this, "catalogue-postgres", database, cancellationToken);
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var catalogue in new[] { _catalogue, _postgresCatalogue })
            if (catalogue is { IsCompletedSuccessfully: true }) await (await catalogue).DisposeAsync();
    }
}

/// <summary><c>mastro serve</c>, loaded over HTTP with assets 0 … Assets-1; how fast the load went.</summary>
public sealed class LoadedCatalogue(RunningMastro server, long assets, BulkUpload.Result load) : IAsyncDisposable
{
    public RunningMastro Server => server;
    public long Assets => assets;
    public BulkUpload.Result Load => load;

    public static async Task<LoadedCatalogue> StartAsync(
        BenchContext context, Func<Task<RunningMastro>> start, CancellationToken cancellationToken)
    {
        var server = await start();
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
