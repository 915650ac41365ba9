namespace Mastro.Bench.Measure;

/// <summary>Prints each figure as one line as soon as it is measured, and keeps them for the closing summary.</summary>
public sealed class Report(TextWriter output)
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _unmeasurable = [];

    public void Add(Figure figure)
    {
        _figures.Add(figure);
        output.WriteLine(figure);
        output.Flush();
    }

    /// <summary>A scenario that cannot run (yet): said in the output, never silently left out.</summary>
    public void NotMeasurable(string name, string reason)
    {
        var line = $"{name.PadRight(30)}  not yet measurable: {reason}";
        _unmeasurable.Add(line);
        output.WriteLine(line);
        output.Flush();
    }

    public void Note(string text)
    {
        output.WriteLine($"# {text}");
        output.Flush();
    }

    public void WriteSummary()
    {
        var checkedFigures = _figures.Where(f => f.Passed is not null).ToList();
        output.WriteLine(
            $"# {checkedFigures.Count(f => f.Passed == true)} of {checkedFigures.Count} targets met" +
            (_unmeasurable.Count > 0 ? $", {_unmeasurable.Count} not yet measurable" : ""));
        foreach (var missed in checkedFigures.Where(f => f.Passed == false))
            output.WriteLine($"# missed: {missed.Name}");
    }
}
