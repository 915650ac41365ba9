using System.Text.Json.Nodes;
using Mastro.Core.Lineage.Validation;

namespace Mastro.Core.Tests.Lineage;

/// <summary>
/// The compiled schemas' quick verdicts against NJsonSchema's, which they stand in for: on every fixture and on
/// every variant of one with a single value removed, retyped or nulled, a quick verdict is either left open or the
/// same as NJsonSchema's.
/// </summary>
public sealed class QuickValidationTests
{
    [Theory]
    [InlineData(LineageFixtures.FullEvent)]
    [InlineData(LineageFixtures.FluentdStart)]
    [InlineData(LineageFixtures.FluentdComplete)]
    public void Complete_events_are_recognised_as_valid_without_NJsonSchema(string fixture)
    {
        Assert.Equal(SchemaVerdict.Valid, OpenLineageValidator.QuickVerdict(LineageFixtures.Text(fixture)));
    }

    [Fact]
    public void Quick_verdicts_agree_with_NJsonSchema_on_every_fixture_and_each_single_change_of_one()
    {
        var decided = 0;
        var disagreements = new List<string>();
        foreach (var fixture in LineageFixtures.All)
        foreach (var (change, json) in Variants(JsonNode.Parse(LineageFixtures.Text(fixture))!).Prepend(("as is", LineageFixtures.Text(fixture))))
        {
            var quick = OpenLineageValidator.QuickVerdict(json);
            if (quick == SchemaVerdict.Unknown) continue;
            decided++;
            var problems = OpenLineageValidator.ProblemsFoundByNJsonSchema(json);
            if ((quick == SchemaVerdict.Valid) != (problems.Count == 0))
                disagreements.Add($"{fixture}, {change}: quick {quick}, NJsonSchema [{string.Join("; ", problems)}]");
        }

        Assert.Empty(disagreements);
        // Most variants are decided without NJsonSchema; otherwise this test would prove little.
        Assert.True(decided > 1000, $"only {decided} variants decided");
    }

    [Theory]
    [InlineData("""{"eventTime": "2024-01-31T12:00:00Z", "producer": "https://p", "schemaURL": "https://s", "job": {"namespace": "n", "name": "j", "name": "k"}}""")]
    [InlineData("""{"eventTime": "2024-01-31T12:00:00Z", "producer": "https://p", "schemaURL": "https://s", "job": {"namespace": "n", "name": "j"}, "x": 123456789012345678901234567890}""")]
    [InlineData("""{"eventTime": "2024-01-31T12:00:00Z", "producer": "https://p", "schemaURL": "https://s", "job": {"namespace": "n", "name": null}}""")]
    public void What_json_readers_or_NJsonSchema_treat_in_their_own_way_is_left_to_NJsonSchema(string json)
    {
        Assert.Equal(SchemaVerdict.Unknown, OpenLineageValidator.QuickVerdict(json));
    }

    /// <summary>Every variant of <paramref name="root"/> with one value removed, made a number or a string, or nulled.</summary>
    private static IEnumerable<(string Change, string Json)> Variants(JsonNode root)
    {
        var paths = new List<object[]>();
        Collect(root, [], paths);
        foreach (var path in paths)
        {
            var name = "$" + string.Concat(path.Select(step => step is int index ? $"[{index}]" : $".{step}"));
            yield return ($"{name} removed", Changed(root, path, null, remove: true));
            yield return ($"{name} = 42", Changed(root, path, 42, remove: false));
            yield return ($"{name} = \"text\"", Changed(root, path, "text", remove: false));
            yield return ($"{name} = null", Changed(root, path, null, remove: false));
        }
    }

    /// <summary>The path (property names and array indexes) of every value under <paramref name="node"/>.</summary>
    private static void Collect(JsonNode? node, object[] path, List<object[]> paths)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(p => ((object)p.Key, p.Value)),
            JsonArray array => array.Select((item, index) => ((object)index, item)),
            _ => [],
        };
        foreach (var (step, child) in children)
        {
            object[] childPath = [.. path, step];
            paths.Add(childPath);
            Collect(child, childPath, paths);
        }
    }

    private static string Changed(JsonNode root, object[] path, JsonNode? value, bool remove)
    {
        var parent = root.DeepClone();
        foreach (var step in path[..^1])
            parent = step is int index ? parent[index]! : parent[(string)step]!;
        var last = path[^1];
        if (parent is JsonObject obj)
        {
            if (remove) obj.Remove((string)last);
            else obj[(string)last] = value?.DeepClone();
        }
        else
        {
            var array = parent.AsArray();
            if (remove) array.RemoveAt((int)last);
            else array[(int)last] = value?.DeepClone();
        }
        return parent.Root.ToJsonString();
    }
}
