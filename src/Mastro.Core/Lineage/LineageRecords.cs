using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;
using Mastro.Core.Storage;

namespace Mastro.Core.Lineage;

/// <summary>One event as received: its JSON text verbatim plus the fields it is listed by.</summary>
/// <param name="RunId">Null for DatasetEvents and JobEvents.</param>
/// <param name="EventType">The event's <c>eventType</c> as sent (null when absent).</param>
/// <param name="ReceivedAt">Server time of arrival; retention goes by it, since producers' clocks (and replays) vary.</param>
public sealed record ReceivedLineageEvent(string? RunId, string? EventType, DateTimeOffset EventTime, DateTimeOffset ReceivedAt, string Json);

/// <summary>Another name of an asset (e.g. the S3 path of a Hive table), which resolves to the asset.</summary>
public sealed record AssetAlias(string Alias, string AssetName);

/// <summary>Everything an event adds to the lineage store, besides the assets it changes.</summary>
public sealed record LineageRecord(
    ReceivedLineageEvent Event,
    RunObservation? Run,
    IReadOnlyList<AssetAlias> Aliases,
    IReadOnlyList<ColumnLineage> ColumnLineage);

/// <summary>
/// What the stores hold under the names a batch of events mentions, read inside the batch's own transaction: the
/// assets under those names and under the names that those which are aliases stand for, and those aliases
/// (alias → asset name).
/// </summary>
public sealed record StoredCatalogue(IReadOnlyList<AssetRow> Assets, IReadOnlyDictionary<string, string> Aliases);

/// <summary>
/// What a batch of events writes: the assets it changes, as the catalogue stores them (validated, stamped), and one
/// record per event, in order.
/// </summary>
public sealed record LineageWrite(IReadOnlyList<Asset> Assets, IReadOnlyList<LineageRecord> Records);

/// <summary>An asset as a lineage graph node: what the graph shows, plus the edges (<c>depends-on</c>) it follows.</summary>
public sealed record LineageNode(
    string Name, string Type, string Description, IReadOnlyList<string> Tags, DateTimeOffset LastDiscoveredAt, IReadOnlyList<string> DependsOn)
{
    /// <summary>From the asset columns both stores keep, with tags and depends-on as JSON text (see <see cref="Storage.AssetRow"/>).</summary>
    public static LineageNode FromRow(string name, string type, string description, string tagsJson, DateTimeOffset lastDiscoveredAt, string dependsOnJson) =>
        new(name, type, description, StringList(tagsJson), lastDiscoveredAt, StringList(dependsOnJson));

    private static IReadOnlyList<string> StringList(string json) =>
        JsonSerializer.Deserialize(json, MastroJsonContext.Default.IReadOnlyListString) ?? [];
}

/// <summary>Graph nodes found for some names, and which of those names are aliases (alias → asset name).</summary>
public sealed record LineageNodes(IReadOnlyList<LineageNode> Nodes, IReadOnlyDictionary<string, string> Aliases)
{
    private readonly Dictionary<string, LineageNode> _byName = Nodes.ToDictionary(n => n.Name, StringComparer.Ordinal);

    public LineageNode? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The name of the node <paramref name="name"/> stands for (an asset's own name wins over an alias), or null.</summary>
    public string? NodeFor(string name) =>
        _byName.ContainsKey(name) ? name
        : Aliases.TryGetValue(name, out var target) && _byName.ContainsKey(target) ? target
        : null;
}

/// <summary>What one retention pass deleted.</summary>
public sealed record RetentionResult(long Events, long Runs);

/// <summary>The JSON texts the lineage stores keep, written and read alike by both.</summary>
public static class LineageJson
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static string Names(IReadOnlyCollection<string> names) =>
        JsonSerializer.Serialize(names.ToArray(), LineageJsonContext.Default.StringArray);

    public static string Serialize(ColumnLineage lineage) => JsonSerializer.Serialize(lineage, LineageJsonContext.Default.ColumnLineage);

    public static ColumnLineage DeserializeColumnLineage(string json) =>
        JsonSerializer.Deserialize(json, LineageJsonContext.Default.ColumnLineage)
        ?? throw new InvalidOperationException("stored column lineage is null");
}
