using System.Diagnostics;
using Mastro.Bench.Measure;
using Mastro.Bench.Support;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Files;
using Mastro.Crawlers.Manifests;
using Mastro.Crawlers.Sources;

namespace Mastro.Bench.Scenarios;

/// <summary>
/// The local manifest crawler over a tree of dataset folders (a MANIFEST.yaml and nine data files each) against
/// <c>find</c> over the same tree (target ≥ 0.8×): listing only (parsing excluded) against <c>find -name</c>, and
/// listing + reading + parsing every manifest against <c>find -name … -exec cat</c>, which reads the same bytes.
/// Each is the median of three runs on a warm page cache, after one untimed run: the targets compare the crawler
/// in steady state, as a scheduled crawler runs. The first run of each (the JIT compiling the crawler and YamlDotNet,
/// what a one-shot Kubernetes Job pays) is reported beside them.
/// </summary>
public sealed class LocalCrawlScenario : IScenario
{
    private const string ManifestName = "MANIFEST.yaml";
    private const int Runs = 3;

    public string Name => "crawl";

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var root = context.Directory("crawl-tree");
        var files = await CreateTreeAsync(root, context.Sizes.Files, context.Sizes.Manifests, cancellationToken);
        var filter = NameFilter.Parse(ManifestName, "filter-filename");

        var (find, _) = await MedianAsync(() => FindAsync(root, [], cancellationToken));
        var (findCat, _) = await MedianAsync(() => FindAsync(root, ["-exec", "cat", "{}", "+"], cancellationToken));
        var (list, firstList) = await MedianAsync(async () =>
        {
            await using var tree = new LocalFileTree(root, "root");
            var found = 0;
            await foreach (var entry in tree.ListAsync(cancellationToken))
                found += entry is TreeFile file && filter.Matches(file.Name) ? 1 : 0;
            if (found != context.Sizes.Manifests) throw new InvalidOperationException($"listed {found} manifests of {context.Sizes.Manifests}");
        });
        var (parse, firstParse) = await MedianAsync(async () =>
        {
            await using var source = new ManifestSource(new LocalFileTree(root, "root"), filter);
            var found = 0;
            await foreach (var item in source.CrawlAsync(cancellationToken))
                found += item is FoundAsset ? 1 : throw new InvalidOperationException($"skipped {item.Origin}: {((SkippedItem)item).Reason}");
            if (found != context.Sizes.Manifests) throw new InvalidOperationException($"found {found} manifests of {context.Sizes.Manifests}");
        });

        var tree = $"{files:N0} files, {context.Sizes.Manifests:N0} manifests";
        context.Report.Add(new Figure("crawl.parsing-excluded", files / list, "files/s")
        {
            Limit = new Limit("find", files / find, "files/s"),
            Target = Target.AtLeast(0.8),
            Note = $"{tree}; {list * 1000:0} ms vs {find * 1000:0} ms; first run {firstList * 1000:0} ms",
        });
        context.Report.Add(new Figure("crawl.parsing-included", files / parse, "files/s")
        {
            Limit = new Limit("find-exec-cat", files / findCat, "files/s"),
            Target = Target.AtLeast(0.8),
            Note = $"{tree}; {parse * 1000:0} ms vs {findCat * 1000:0} ms; vs plain find {find / parse:0.00}; first run {firstParse * 1000:0} ms",
        });
    }

    /// <summary>Dataset folders <c>dNNN/dsNNNNN/</c>, each with one manifest (asset i) and data files, <paramref name="files"/> files in all.</summary>
    private static async Task<int> CreateTreeAsync(string root, int files, int manifests, CancellationToken cancellationToken)
    {
        var perFolder = Math.Max(1, files / manifests);
        var data = new byte[128];
        for (var i = 0; i < manifests; i++)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, $"d{i / 100:D3}", $"ds{i:D5}")).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, ManifestName), Manifest(i), cancellationToken);
            for (var part = 1; part < perFolder; part++)
                await File.WriteAllBytesAsync(Path.Combine(folder, $"part-{part:D5}.parquet"), data, cancellationToken);
        }
        return manifests * perFolder;
    }

    private static string Manifest(int i)
    {
        var asset = AssetGenerator.Create(i);
        return $"""
            name: {asset.Name}
            type: {asset.Type}
            description: {asset.Description}
            tags: [{string.Join(", ", asset.Tags)}]
            depends-on: [{string.Join(", ", asset.DependsOn)}]
            labels:
              owner: {asset.Labels["owner"]}
              format: {asset.Labels["format"]}
              schema:
            {string.Join('\n', asset.Labels["schema"].EnumerateArray().Select(c => $"    - name: {c.GetProperty("name")}\n      type: {c.GetProperty("type")}"))}
            """;
    }

    private static async Task FindAsync(string root, string[] action, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("find") { RedirectStandardOutput = true };
        foreach (var argument in (string[])[root, "-name", ManifestName, .. action]) info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        await process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0) throw new InvalidOperationException($"find exited {process.ExitCode}");
    }

    /// <summary>Seconds: the median of <see cref="Runs"/> runs after an untimed first run, and that first run.</summary>
    private static async Task<(double Median, double First)> MedianAsync(Func<Task> run)
    {
        var first = await TimeAsync(run);
        var seconds = new List<double>();
        for (var i = 0; i < Runs; i++)
            seconds.Add(await TimeAsync(run));
        seconds.Sort();
        return (seconds[Runs / 2], first);
    }

    private static async Task<double> TimeAsync(Func<Task> run)
    {
        var started = Stopwatch.GetTimestamp();
        await run();
        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
