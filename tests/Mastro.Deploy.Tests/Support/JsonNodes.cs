using System.Text.Json.Nodes;

namespace Mastro.Deploy.Tests.Support;

/// <summary>Null-tolerant reading of rendered objects: an absent field is an empty list, map or null.</summary>
public static class JsonNodes
{
    public static string? Text(this JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static IEnumerable<JsonObject> Objects(this JsonNode? node) =>
        node is JsonArray array ? array.OfType<JsonObject>() : [];

    public static IReadOnlyList<string> Strings(this JsonNode? node) =>
        node is JsonArray array ? array.Select(n => n!.ToString()).ToList() : [];

    public static IReadOnlyDictionary<string, string> StringMap(this JsonNode? node) =>
        node is JsonObject o ? o.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "") : new Dictionary<string, string>();

    public static bool IsTrue(this JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static bool IsFalse(this JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && !b;
}
