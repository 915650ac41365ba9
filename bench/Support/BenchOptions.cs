namespace Mastro.Bench.Support;

/// <summary>The command line: which scenarios, at which sizes, against which mastro binary and stores.</summary>
public sealed record BenchOptions(
    IReadOnlySet<string> Scenarios, BenchSizes Sizes, string? Binary, bool Publish, IReadOnlySet<string> Stores, string? Error)
{
    /// <summary>The store backends a scenario that measures both can be limited to with <c>--store</c>.</summary>
    public static readonly IReadOnlyList<string> StoreNames = ["sqlite", "postgres"];

    /// <summary>
    /// <c>quick</c> and <c>full</c> run every scenario (<c>full</c> against a freshly published binary); named
    /// scenarios run at full sizes unless <c>--quick</c>. <c>--size N</c> overrides the item counts.
    /// <c>--store NAME</c> (repeatable) limits scenarios that measure both stores to the named ones; default: both.
    /// </summary>
    public static BenchOptions Parse(string[] args, IReadOnlyList<string> scenarioNames)
    {
        var scenarios = new HashSet<string>();
        var sizes = BenchSizes.Full;
        int? size = null;
        string? binary = null;
        var publish = false;
        var stores = new HashSet<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "quick":
                    sizes = BenchSizes.Quick;
                    scenarios.UnionWith(scenarioNames);
                    break;
                case "full":
                    publish = true;
                    scenarios.UnionWith(scenarioNames);
                    break;
                case "--quick":
                    sizes = BenchSizes.Quick;
                    break;
                case "--publish":
                    publish = true;
                    break;
                case "--size" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0:
                    size = n;
                    i++;
                    break;
                case "--binary" when i + 1 < args.Length:
                    binary = args[++i];
                    break;
                case "--store" when i + 1 < args.Length && StoreNames.Contains(args[i + 1]):
                    stores.Add(args[++i]);
                    break;
                case var name when scenarioNames.Contains(name):
                    scenarios.Add(name);
                    break;
                default:
                    return Failed($"unknown or incomplete argument '{args[i]}'");
            }
        }
        if (scenarios.Count == 0) return Failed("no scenario given");
        if (binary is not null) publish = false;
        if (stores.Count == 0) stores.UnionWith(StoreNames);
        return new BenchOptions(scenarios, size is { } s ? sizes.WithSize(s) : sizes, binary, publish, stores, null);
    }

    private static BenchOptions Failed(string error) =>
        new(new HashSet<string>(), BenchSizes.Quick, null, false, new HashSet<string>(), error);
}
