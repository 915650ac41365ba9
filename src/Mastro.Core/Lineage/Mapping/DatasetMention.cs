using Mastro.Core.Lineage.Events;
using Mastro.Core.Lineage.Naming;

namespace Mastro.Core.Lineage.Mapping;

public enum DatasetRole
{
    Input,
    Output,
    /// <summary>The dataset of a DatasetEvent: metadata only, no edges.</summary>
    Static,
}

/// <summary>
/// One dataset as an event mentions it, with every name it goes by: its own and those of its <c>symlinks</c>, in
/// order of preference for the asset name (a catalog table first, as the Hive crawler names it; then the dataset's
/// own name; then other symlinks).
/// </summary>
/// <param name="Path">JSON path of the dataset in the event, for error messages.</param>
/// <param name="Tables">The names of its <c>TABLE</c> symlinks (the most preferred).</param>
/// <param name="Names">Every name, most preferred first.</param>
public sealed record DatasetMention(
    string Path, OpenLineageDataset Dataset, DatasetRole Role, IReadOnlyList<DatasetIdentity> Tables, IReadOnlyList<DatasetIdentity> Names)
{
    public static IReadOnlyList<DatasetMention> All(OpenLineageEvent lineageEvent)
    {
        var mentions = new List<DatasetMention>();
        if (lineageEvent.Dataset is { } staticDataset)
            mentions.Add(Of("$.dataset", staticDataset, DatasetRole.Static));
        mentions.AddRange((lineageEvent.Inputs ?? []).Select((d, i) => Of($"$.inputs[{i}]", d, DatasetRole.Input)));
        mentions.AddRange((lineageEvent.Outputs ?? []).Select((d, i) => Of($"$.outputs[{i}]", d, DatasetRole.Output)));
        return mentions;
    }

    private static DatasetMention Of(string path, OpenLineageDataset dataset, DatasetRole role)
    {
        var own = DatasetNames.Identify(dataset.Namespace, dataset.Name);
        var symlinks = Facets.Read(dataset.Facets, "symlinks", LineageJsonContext.Default.SymlinksFacet).Value?.Identifiers ?? [];
        var linked = symlinks
            .Where(s => s is { Name: not null })
            .Select(s => (Identity: DatasetNames.IdentifySymlink(s.Namespace ?? "", s.Name!, s.Type), IsTable: IsTable(s)))
            .ToList();
        IEnumerable<DatasetIdentity> ordered =
        [
            .. linked.Where(l => l.IsTable).Select(l => l.Identity),
            own,
            .. linked.Where(l => !l.IsTable).Select(l => l.Identity),
        ];
        return new DatasetMention(path, dataset, role, linked.Where(l => l.IsTable).Select(l => l.Identity).ToList(), ordered.DistinctBy(n => n.AssetName, StringComparer.Ordinal).ToList());
    }

    private static bool IsTable(SymlinkIdentifier symlink) => string.Equals(symlink.Type, "TABLE", StringComparison.OrdinalIgnoreCase);
}
