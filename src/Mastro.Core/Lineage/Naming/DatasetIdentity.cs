namespace Mastro.Core.Lineage.Naming;

/// <summary>The catalogue asset an OpenLineage dataset name maps to: its name and the type a new asset gets.</summary>
public sealed record DatasetIdentity(string AssetName, string AssetType);
