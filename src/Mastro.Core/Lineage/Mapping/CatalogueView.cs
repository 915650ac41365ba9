using Mastro.Core.Model;

namespace Mastro.Core.Lineage.Mapping;

/// <summary>
/// What the catalogue holds under the names an event mentions: the assets, and the aliases among those names.
/// An asset's own name always wins over an alias of the same text.
/// </summary>
public sealed record CatalogueView(IReadOnlyDictionary<string, Asset> Assets, IReadOnlyDictionary<string, string> Aliases)
{
    public static readonly CatalogueView Empty = new(new Dictionary<string, Asset>(), new Dictionary<string, string>());

    /// <summary>The asset name <paramref name="name"/> stands for.</summary>
    public string Resolve(string name) =>
        Assets.ContainsKey(name) ? name : Aliases.GetValueOrDefault(name) ?? name;

    public Asset? Find(string name) => Assets.GetValueOrDefault(name);
}
