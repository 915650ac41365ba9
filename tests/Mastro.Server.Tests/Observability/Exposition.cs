using System.Globalization;
using System.Text;

namespace Mastro.Server.Tests.Observability;

/// <summary>One parsed sample line.</summary>
internal sealed record ExposedSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict reader of the Prometheus text format 0.0.4, so that tests check what a real scraper would see:
/// it rejects repeated or late HELP/TYPE lines, interleaved families, invalid names, bad escapes and
/// duplicate labels, and unescapes label values.
/// </summary>
internal sealed class Exposition
{
    private Exposition(IReadOnlyList<string> familyNames, IReadOnlyDictionary<string, string> types,
        IReadOnlyDictionary<string, string> help, IReadOnlyList<ExposedSample> samples)
    {
        FamilyNames = familyNames;
        Types = types;
        Help = help;
        Samples = samples;
    }

    /// <summary>Family names in the order they appear.</summary>
    public IReadOnlyList<string> FamilyNames { get; }

    public IReadOnlyDictionary<string, string> Types { get; }

    public IReadOnlyDictionary<string, string> Help { get; }

    public IReadOnlyList<ExposedSample> Samples { get; }

    /// <summary>The value of the one sample with exactly these labels; fails the test if there is none or several.</summary>
    public double Value(string name, params (string Label, string Value)[] labels) =>
        Assert.Single(Samples, sample => Matches(sample, name, labels)).Value;

    /// <summary>Like <see cref="Value"/>, but null when no such sample exists.</summary>
    public double? Find(string name, params (string Label, string Value)[] labels) =>
        Samples.SingleOrDefault(sample => Matches(sample, name, labels))?.Value;

    public IEnumerable<ExposedSample> SamplesOf(string family) =>
        Samples.Where(sample => FamilyOf(sample.Name, Types) == family);

    public static Exposition Parse(string text)
    {
        Assert.EndsWith("\n", text);
        var familyNames = new List<string>();
        var types = new Dictionary<string, string>();
        var help = new Dictionary<string, string>();
        var samples = new List<ExposedSample>();
        var seenFamilies = new HashSet<string>();
        string? currentFamily = null;

        foreach (var line in text[..^1].Split('\n'))
        {
            string family;
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ', 2);
                family = parts[0];
                AssertValidMetricName(family);
                var target = line.StartsWith("# HELP", StringComparison.Ordinal) ? help : types;
                Assert.True(target.TryAdd(family, parts.Length > 1 ? parts[1] : ""), $"repeated header: {line}");
                if (target == types)
                {
                    Assert.Contains(parts[1], new[] { "counter", "gauge", "histogram" });
                    Assert.False(samples.Any(sample => FamilyOf(sample.Name, types) == family), $"TYPE after samples: {line}");
                }
            }
            else
            {
                Assert.False(line.StartsWith('#'), $"unexpected comment: {line}");
                var sample = ParseSample(line);
                family = FamilyOf(sample.Name, types);
                Assert.True(types.ContainsKey(family), $"sample without TYPE: {line}");
                samples.Add(sample);
            }

            if (family != currentFamily)
            {
                Assert.True(seenFamilies.Add(family), $"family {family} is not contiguous");
                currentFamily = family;
                familyNames.Add(family);
            }
        }

        Assert.Equal(types.Keys.Order(), help.Keys.Order());
        return new Exposition(familyNames, types, help, samples);
    }

    private static bool Matches(ExposedSample sample, string name, (string Label, string Value)[] labels) =>
        sample.Name == name
        && sample.Labels.Count == labels.Length
        && labels.All(label => sample.Labels.TryGetValue(label.Label, out var value) && value == label.Value);

    private static string FamilyOf(string sampleName, IReadOnlyDictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (!sampleName.EndsWith(suffix, StringComparison.Ordinal)) continue;
            var family = sampleName[..^suffix.Length];
            if (types.TryGetValue(family, out var type) && type == "histogram") return family;
        }

        return sampleName;
    }

    private static ExposedSample ParseSample(string line)
    {
        var position = 0;
        while (position < line.Length && line[position] != '{' && line[position] != ' ') position++;
        var name = line[..position];
        AssertValidMetricName(name);
        var labels = new Dictionary<string, string>();
        if (position < line.Length && line[position] == '{')
        {
            position++;
            while (line[position] != '}')
            {
                var equals = line.IndexOf('=', position);
                var labelName = line[position..equals];
                AssertValidLabelName(labelName);
                Assert.Equal('"', line[equals + 1]);
                position = equals + 2;
                var value = new StringBuilder();
                while (line[position] != '"')
                {
                    if (line[position] == '\\')
                    {
                        value.Append(line[position + 1] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            var other => throw new FormatException($"bad escape \\{other} in: {line}"),
                        });
                        position += 2;
                    }
                    else
                    {
                        value.Append(line[position++]);
                    }
                }

                Assert.True(labels.TryAdd(labelName, value.ToString()), $"duplicate label {labelName}: {line}");
                position++;
                if (line[position] == ',') position++;
            }

            position++;
        }

        Assert.Equal(' ', line[position]);
        var valueText = line[(position + 1)..];
        var parsed = valueText switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.Parse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new ExposedSample(name, labels, parsed);
    }

    private static void AssertValidMetricName(string name) =>
        Assert.Matches("^[a-zA-Z_:][a-zA-Z0-9_:]*$", name);

    private static void AssertValidLabelName(string name) =>
        Assert.Matches("^[a-zA-Z_][a-zA-Z0-9_]*$", name);
}
