using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mastro.Core.Lineage.Events;

/// <summary>What an event says about one facet: absent, present (with its typed view) or explicitly deleted.</summary>
public readonly record struct Facet<T>(T? Value, bool Deleted) where T : class
{
    public static readonly Facet<T> Absent = new(null, false);
}

/// <summary>Reads typed views out of a raw facets map.</summary>
public static class Facets
{
    /// <summary>
    /// The facet under <paramref name="key"/>. A facet with <c>"_deleted": true</c> (spec: "set to true to delete a
    /// facet") reads as deleted. A facet whose shape does not fit the view (only possible for facets without a schema
    /// file here) reads as absent: it is still kept in the raw event, it just maps to nothing.
    /// </summary>
    public static Facet<T> Read<T>(IReadOnlyDictionary<string, JsonElement>? facets, string key, JsonTypeInfo<T> typeInfo) where T : class
    {
        if (facets is null || !facets.TryGetValue(key, out var element) || element.ValueKind != JsonValueKind.Object)
            return Facet<T>.Absent;
        if (IsDeleted(element))
            return new Facet<T>(null, true);
        try
        {
            return new Facet<T>(element.Deserialize(typeInfo), false);
        }
        catch (JsonException)
        {
            return Facet<T>.Absent;
        }
    }

    public static bool IsDeleted(JsonElement facet) =>
        facet.ValueKind == JsonValueKind.Object
        && facet.TryGetProperty("_deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True;
}
