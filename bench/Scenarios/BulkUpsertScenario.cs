using Mastro.Bench.Measure;
using Mastro.Bench.Support;
using Mastro.Testing;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// <c>PUT /assets/</c> in batches of 1,000 against a raw insert of the same rows into the same kind of database
/// (targets: ≥ 0.5× on both stores, ≥ 50k assets/s on SQLite). The SQLite load is the shared catalogue's own load.
/// The same assets written in-process through the catalogue service ("store-only", no target) show how much of
/// the gap is the store's and how much the HTTP layer's. On PostgreSQL both are warmed up first with other assets
/// (100 batches, at most half as many as are timed), untimed. <c>--store</c> limits a run to one of the two stores.
/// </summary>
public sealed class BulkUpsertScenario : IScenario
{
    /// <summary>
    /// Requests of the PostgreSQL warm-up: the JIT recompiles a method optimized only after some 30 calls, and again
    /// after as many more with profile data, and each request calls the per-request code once.
    /// </summary>
    private const int WarmUpBatches = 100;

    public string Name => "bulk-upsert";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Measures("sqlite")) await SqliteAsync(context, cancellationToken);
        if (context.Measures("postgres")) await PostgresAsync(context, cancellationToken);
    }

    private static async Task SqliteAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var catalogue = await context.CatalogueAsync(cancellationToken);
        var count = catalogue.Assets;
        var directory = context.Directory("bulk-upsert-sqlite");
        var raw = await RawInsert.SqliteAsync(Path.Combine(directory, "raw.db"), count, cancellationToken);
        var storeOnly = await StoreDirect.SqliteAsync(Path.Combine(directory, "store.db"), count, cancellationToken);
        AddFigures(context.Report, "sqlite", catalogue.Load, raw, storeOnly, count);
        context.Report.Add(new Figure("bulk-upsert.sqlite.absolute", catalogue.Load.AssetsPerSecond, "assets/s")
        {
            Target = Target.AtLeast(50_000),
        });
    }

    private static async Task PostgresAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var postgres = await PostgresServer.GetAsync();
        var count = context.Sizes.PostgresAssets;
        BulkUpload.Result warmUp, viaHttp;
        var warmUpCount = Math.Max(1, Math.Min(WarmUpBatches * BulkUpload.BatchSize, count / 2));
        await using (var server = await RunningMastro.StartPostgresAsync(context, "postgres", await postgres.CreateDatabaseAsync("bench"), cancellationToken))
        {
            // Other names first, untimed: a freshly started server spends about a quarter of its CPU in the JIT in
            // its first seconds of this load (docs/PERFORMANCE.md, "Tenth round"), where a crawler fleet meets a
            // server that is warm. The SQLite catalogue load needs none: its 1M assets take minutes (1,000 requests),
            // which the JIT's seconds barely move.
            warmUp = await BulkUpload.RunAsync(server, count, warmUpCount, cancellationToken);
            viaHttp = await BulkUpload.RunAsync(server, 0, count, cancellationToken);
        }
        var raw = await RawInsert.PostgresAsync(await postgres.CreateDatabaseAsync("raw"), count, cancellationToken);
        var storeOnly = await StoreDirect.PostgresAsync(await postgres.CreateDatabaseAsync("direct"), count, warmUpCount, cancellationToken);
        AddFigures(context.Report, "postgres", viaHttp, raw, storeOnly, count,
            $", after an untimed warm-up of {warmUpCount:N0} other assets at {warmUp.AssetsPerSecond:N0} assets/s ({warmUp.Describe()})");
    }

    private static void AddFigures(Report report, string backend, BulkUpload.Result viaHttp, double raw, double storeOnly, long count, string warmUp = "")
    {
        var limit = new Limit("raw-insert", raw, "rows/s");
        report.Add(new Figure($"bulk-upsert.{backend}", viaHttp.AssetsPerSecond, "assets/s")
        {
            Limit = limit,
            Target = Target.AtLeast(0.5),
            Note = $"{count:N0} assets, {BulkUpload.Connections} connections, {viaHttp.Describe()}{warmUp}",
        });
        report.Add(new Figure($"bulk-upsert.{backend}.store-only", storeOnly, "assets/s") { Limit = limit, Note = "in-process, no HTTP" });
    }
}
