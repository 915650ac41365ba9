using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mastro.Crawlers.Push;

/// <summary>Builds asset labels (<c>string → JsonElement</c>) from JSON nodes, which are easier for sources to assemble.</summary>
public static class JsonLabels
{
    public static JsonElement Element(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    /// <summary>Every non-null property of <paramref name="labels"/> as a label, in order.</summary>
    public static IReadOnlyDictionary<string, JsonElement> From(JsonObject labels) =>
        labels.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => Element(pair.Value));
}
