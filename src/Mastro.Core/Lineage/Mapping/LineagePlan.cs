using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;

namespace Mastro.Core.Lineage.Mapping;

/// <summary>What one event changes: assets to upsert (already merged with what the catalogue had), aliases, column lineage, the run.</summary>
public sealed record LineagePlan(
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<AssetAlias> Aliases,
    IReadOnlyList<ColumnLineage> ColumnLineage,
    RunObservation? Run);
