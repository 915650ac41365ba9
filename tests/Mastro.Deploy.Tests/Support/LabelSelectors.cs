using System.Text.Json.Nodes;

namespace Mastro.Deploy.Tests.Support;

/// <summary>Kubernetes label selector semantics (matchLabels and matchExpressions; a bare map is matchLabels).</summary>
public static class LabelSelectors
{
    public static bool Matches(JsonNode? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is not JsonObject s) return false;
        var matchLabels = s.ContainsKey("matchLabels") || s.ContainsKey("matchExpressions") ? s["matchLabels"].StringMap() : s.StringMap();
        return matchLabels.All(pair => labels.TryGetValue(pair.Key, out var value) && value == pair.Value)
               && s["matchExpressions"].Objects().All(e => MatchesExpression(e, labels));
    }

    private static bool MatchesExpression(JsonObject expression, IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(expression.Text("key") ?? "", out var value);
        var values = expression["values"].Strings();
        return expression.Text("operator") switch
        {
            "In" => has && values.Contains(value!),
            "NotIn" => !has || !values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            var op => throw new InvalidOperationException($"unknown selector operator {op}"),
        };
    }
}
