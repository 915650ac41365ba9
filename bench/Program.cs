using System.Diagnostics;
using Mastro.Bench.Measure;
using Mastro.Bench.Scenarios;
using Mastro.Bench.Support;

// dotnet run -c Release --project bench -- quick | full | <scenario>… [--size N] [--quick] [--binary PATH] [--publish] [--store sqlite|postgres]
// docs/PERFORMANCE.md describes every scenario and holds the latest figures.

if (args is [BareKestrel.Command, var port, var body])
{
    await BareKestrel.RunAsync(int.Parse(port), body);
    return 0;
}

IScenario[] all =
[
    new BulkUpsertScenario(), new GetByNameScenario(), new SearchScenario(),
    new LineageScenario(), new OpenLineageScenario(), new LocalCrawlScenario(), new ColdStartScenario(),
];

var options = BenchOptions.Parse(args, all.Select(s => s.Name).ToList());
if (options.Error is not null)
{
    Console.Error.WriteLine(options.Error);
    Console.Error.WriteLine($"usage: Mastro.Bench quick | full | <scenario>… [--size N] [--quick] [--binary PATH] [--publish] [--store sqlite|postgres]\n" +
                            $"scenarios: {string.Join(", ", all.Select(s => s.Name))}");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var scratch = Directory.CreateTempSubdirectory("mastro-bench-").FullName;
var report = new Report(Console.Out);
var started = Stopwatch.GetTimestamp();
try
{
    var binary = options.Publish ? await Publish.RunAsync(scratch, cancellation.Token)
        : options.Binary is not null ? MastroBinary.Published(options.Binary)
        : MastroBinary.BuiltAlongside();
    report.Note($"mode {options.Sizes.Mode}: {options.Sizes}");
    report.Note($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Trim()}; mastro: {binary.Description}");
    await using var context = new BenchContext(options.Sizes, options.Stores, report, binary, scratch);
    foreach (var scenario in all.Where(s => options.Scenarios.Contains(s.Name)))
        await scenario.RunAsync(context, cancellation.Token);
}
finally
{
    report.WriteSummary();
    report.Note($"finished in {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s; load average {File.ReadAllText("/proc/loadavg").Trim()}");
    try { Directory.Delete(scratch, recursive: true); }
    catch (IOException) { /* a killed server may still hold a file; temp is cleaned by the OS */ }
}
return 0;
