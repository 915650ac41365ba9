using System.Globalization;
using Mastro.Testing;

namespace Mastro.Reliability.Tests.Support;

/// <summary>
/// The numbers a reliability test measured, printed where people look: the test's output (shown live by the
/// runner, see xunit.runner.json) and <c>test-artifacts/reliability/&lt;name&gt;.txt</c> at the repository root, which
/// docs/RELIABILITY.md quotes. Published before the assertions run, so a failing test still shows its figures.
/// </summary>
public sealed class Figures(ITestOutputHelper output, string name)
{
    private readonly List<(string Key, string Value)> _figures = [];

    public static string Directory => Path.Combine(RepositoryPaths.Root, "test-artifacts", "reliability");

    public Figures Add(string key, object value)
    {
        lock (_figures)
            _figures.Add((key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        return this;
    }

    public Figures Add(string key, TimeSpan duration) => Add(key, $"{duration.TotalMilliseconds:F0} ms");

    public void Publish()
    {
        List<string> lines;
        lock (_figures)
            lines = [$"{name} ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z)", .. _figures.Select(f => $"  {f.Key}: {f.Value}")];
        foreach (var line in lines)
            output.WriteLine(line);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllLines(Path.Combine(Directory, $"{name}.txt"), lines);
    }
}
