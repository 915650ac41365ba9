using System.Globalization;

namespace Mastro.Bench.Measure;

/// <summary>A bound a figure (or its ratio to a limit) must meet, e.g. <c>&gt;= 0.5</c> or <c>&lt; 20</c>.</summary>
public sealed record Target(string Operator, double Bound)
{
    public static Target AtLeast(double bound) => new(">=", bound);
    public static Target Below(double bound) => new("<", bound);

    public bool IsMetBy(double value) => Operator == ">=" ? value >= Bound : value < Bound;

    public override string ToString() => $"{Operator} {Figure.Format(Bound)}";
}

/// <summary>What a figure is compared to, measured in the same run (e.g. a raw insert, a bare Kestrel endpoint).</summary>
public sealed record Limit(string Name, double Value, string Unit);

/// <summary>
/// One measured number. With a <see cref="Limit"/>, the target applies to the ratio figure / limit (both
/// "higher is better"); without one, to the figure itself.
/// </summary>
public sealed record Figure(string Name, double Value, string Unit)
{
    public Limit? Limit { get; init; }
    public Target? Target { get; init; }
    public string? Note { get; init; }

    public double? Ratio => Limit is { Value: > 0 } limit ? Value / limit.Value : null;

    public bool? Passed => Target is null ? null : Target.IsMetBy(Limit is null ? Value : Ratio ?? 0);

    public override string ToString()
    {
        var parts = new List<string> { Name.PadRight(30), $"{Format(Value)} {Unit}" };
        if (Limit is not null)
            parts.Add($"limit {Limit.Name} {Format(Limit.Value)} {Limit.Unit}  ratio {Ratio:0.00}");
        if (Target is not null)
            parts.Add($"target {Target}  {(Passed == true ? "PASS" : "FAIL")}");
        if (Note is not null)
            parts.Add($"({Note})");
        return string.Join("  ", parts);
    }

    /// <summary>Thousands separators for large numbers, two decimals for small ones.</summary>
    public static string Format(double value) =>
        Math.Abs(value) >= 100
            ? value.ToString("#,0", CultureInfo.InvariantCulture)
            : value.ToString("0.##", CultureInfo.InvariantCulture);
}
