using Mastro.Core.Model;

namespace Mastro.Core.Validation;

/// <summary>Validates assets with the original's messages (<c>Name is undefined</c>, <c>AssetType is empty</c>…) plus the limits it lacked.</summary>
public static class AssetValidator
{
    public static IReadOnlyList<string> Problems(Asset asset)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(asset.Name))
            problems.Add("Name is undefined");
        else if (NameRules.Problem(asset.Name, "name") is { } nameProblem)
            problems.Add(nameProblem);

        if (string.IsNullOrEmpty(asset.Type))
            problems.Add("AssetType is empty");
        else if (!AssetTypes.IsKnown(asset.Type))
            problems.Add($"invalid value {asset.Type} for AssetType (expected one of: {string.Join(", ", AssetTypes.All)})");

        AddListProblems(problems, "tags", asset.Tags);
        AddListProblems(problems, "depends-on", asset.DependsOn);
        if (NulCharacters.In(asset.Description)) problems.Add("description contains a NUL character");
        if (NulCharacters.In(asset.Labels)) problems.Add("labels contain a NUL character");
        if (NulCharacters.In(asset.Versions)) problems.Add("versions contain a NUL character");
        return problems;
    }

    private static void AddListProblems(List<string> problems, string field, IReadOnlyList<string> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(items[i]))
                problems.Add($"{field}[{i}] is empty");
            else if (NameRules.Problem(items[i], $"{field}[{i}]") is { } problem)
                problems.Add(problem);
        }
    }

    /// <summary>Checks a whole batch; the message of each problem starts with the item's index.</summary>
    public static void EnsureValid(IReadOnlyList<Asset> assets)
    {
        var problems = assets
            .SelectMany((asset, index) => Problems(asset).Select(p => $"item {index}: {p}"))
            .ToList();
        if (problems.Count > 0)
            throw new ValidationFailedException(problems);
    }
}
