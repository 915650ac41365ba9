using Mastro.Core.Model;

namespace Mastro.Core.Validation;

/// <summary>Validates feature sets and metric sets with the original's messages.</summary>
public static class VersionedSetValidator
{
    public static IReadOnlyList<string> Problems(FeatureSet set)
    {
        var problems = HeaderProblems(set, "FeatureSet");
        for (var i = 0; i < set.Features.Count; i++)
        {
            var feature = set.Features[i];
            if (feature is null)
            {
                problems.Add($"Feature at position {i} is null");
                continue;
            }
            if (string.IsNullOrWhiteSpace(feature.Name))
                problems.Add($"Feature Name is undefined (feature at position {i})");
            var label = string.IsNullOrWhiteSpace(feature.Name) ? $"at position {i}" : feature.Name;
            if (feature.Value.ValueKind is System.Text.Json.JsonValueKind.Undefined or System.Text.Json.JsonValueKind.Null)
                problems.Add($"Feature Value for Feature {label} is undefined");
            if (string.IsNullOrWhiteSpace(feature.DataType))
                problems.Add($"Feature Data Type for Feature {label} is undefined");
            if (NulCharacters.In([feature.Name, feature.DataType]) || NulCharacters.In(feature.Value))
                problems.Add($"Feature {label} contains a NUL character");
        }
        return problems;
    }

    public static IReadOnlyList<string> Problems(MetricSet set)
    {
        var problems = HeaderProblems(set, "MetricSet");
        for (var i = 0; i < set.Metrics.Count; i++)
        {
            var metric = set.Metrics[i];
            // The original crashed (500) on a metric lacking either part; both are needed to plot it.
            if (metric?.ResultKey is null)
                problems.Add($"Incorrect metric definition at position {i}: resultKey is missing");
            if (metric?.AnalyzerContext is null)
                problems.Add($"Incorrect metric definition at position {i}: analyzerContext is missing");
            else if (metric.AnalyzerContext.MetricMap.Any(entry => entry?.Analyzer is null || entry.Metric is null))
                problems.Add($"Incorrect metric definition at position {i}: every metricMap entry needs an analyzer and a metric");
        }
        return problems;
    }

    private static List<string> HeaderProblems(IVersionedSet set, string kind)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(set.Name))
            problems.Add($"{kind} Name is undefined");
        else if (NameRules.Problem(set.Name, $"{kind} name") is { } nameProblem)
            problems.Add(nameProblem);
        if (string.IsNullOrWhiteSpace(set.Version))
            problems.Add($"{kind} Version is undefined");
        else if (NameRules.Problem(set.Version, $"{kind} version") is { } versionProblem)
            problems.Add(versionProblem);
        if (set.Labels.Any(l => l.Value is null))
            problems.Add($"{kind} labels must have string values");
        else if (NulCharacters.In(set.Labels.Keys) || NulCharacters.In(set.Labels.Values))
            problems.Add($"{kind} labels contain a NUL character");
        if (NulCharacters.In(set.Description))
            problems.Add($"{kind} description contains a NUL character");
        return problems;
    }
}
