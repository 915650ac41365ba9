using Mastro.Bench.Measure;
using Mastro.Bench.Support;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// Start of the mastro binary on a fresh data directory to the first 200 on <c>/readyz</c> (target &lt; 1 s, the
/// median of several starts), its resident memory idle (target &lt; 100 MB) and after the catalogue's load.
/// </summary>
public sealed class ColdStartScenario : IScenario
{
    /// <summary>Long enough for startup work (JIT, first GCs) to settle before idle memory is read.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public string Name => "cold-start";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var startups = new List<double>();
        double idleMiB = 0;
        for (var i = 0; i < context.Sizes.ColdStarts; i++)
        {
            await using var server = await RunningMastro.StartSqliteAsync(context, $"cold-start-{i}", cancellationToken);
            startups.Add(server.Startup.TotalMilliseconds);
            if (i == 0)
            {
                await Task.Delay(Settle, cancellationToken);
                idleMiB = server.Process.ResidentMiB();
            }
        }
        startups.Sort();
        context.Report.Add(new Figure("cold-start.ready", startups[startups.Count / 2], "ms")
        {
            Target = Target.Below(1000),
            Note = $"median of {startups.Count} starts, {string.Join(" / ", startups.Select(s => $"{s:0}"))} ms; {context.Binary.Description}",
        });
        context.Report.Add(new Figure("rss.idle", idleMiB, "MiB") { Target = Target.Below(100) });

        var catalogue = await context.CatalogueAsync(cancellationToken);
        context.Report.Add(new Figure("rss.after-load", catalogue.Server.Process.ResidentMiB(), "MiB")
        {
            Note = $"after loading {catalogue.Assets:N0} assets and the scenarios before this one; peak {catalogue.Server.Process.PeakResidentMiB():0} MiB",
        });
    }
}
