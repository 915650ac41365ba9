using Mastro.Bench.Support;

namespace Mastro.Bench.Scenarios;

/// <summary>One benchmark: seeds what it needs, measures, and adds its figures to the context's report.</summary>
public interface IScenario
{
    /// <summary>The command-line name, e.g. <c>bulk-upsert</c>.</summary>
    string Name { get; }

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
