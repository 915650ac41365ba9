using System.Text.Json;
using Mastro.Core.Model;

namespace Mastro.Core.Lineage.Mapping;

/// <summary>
/// An asset being enriched by one event. It starts from what the catalogue holds (or a new asset) and only ever
/// adds: labels set by facets, <c>depends-on</c> entries, the <c>openlineage</c> tag, a description where there was
/// none. Labels are removed only when a facet is explicitly deleted (<c>_deleted</c>). Everything crawlers or users
/// put there (other labels, tags, versions, the type) stays.
/// </summary>
public sealed class AssetDraft
{
    public const string LineageTag = "openlineage";

    private readonly Asset _original;
    private readonly Dictionary<string, JsonElement> _labels;
    private readonly List<string> _dependsOn;
    private string _description;

    public AssetDraft(Asset? existing, string name, string typeIfNew)
    {
        _original = existing ?? new Asset { Name = name, Type = typeIfNew };
        _labels = new Dictionary<string, JsonElement>(_original.Labels, StringComparer.Ordinal);
        _dependsOn = [.. _original.DependsOn];
        _description = _original.Description;
    }

    public string Name => _original.Name;

    public void SetLabel(string key, JsonElement value) => _labels[key] = value;

    public void RemoveLabel(string key) => _labels.Remove(key);

    public JsonElement? Label(string key) => _labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>Sets the description only if the asset has none: a description a user wrote wins over a facet's.</summary>
    public void OfferDescription(string? description)
    {
        if (string.IsNullOrEmpty(_description) && !string.IsNullOrWhiteSpace(description))
            _description = description;
    }

    public void AddDependency(string name)
    {
        if (name != Name && !_dependsOn.Contains(name, StringComparer.Ordinal))
            _dependsOn.Add(name);
    }

    public Asset ToAsset() => _original with
    {
        Description = _description,
        Labels = _labels,
        DependsOn = _dependsOn,
        Tags = _original.Tags.Contains(LineageTag, StringComparer.Ordinal) ? _original.Tags : [.. _original.Tags, LineageTag],
    };
}
