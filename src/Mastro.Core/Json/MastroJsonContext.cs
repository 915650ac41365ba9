using System.Text.Json;
using System.Text.Json.Serialization;
using Mastro.Core.Model;

namespace Mastro.Core.Json;

/// <summary>Source-generated serializers for every type Mastro reads or writes.</summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(Rfc3339TimestampConverter)],
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(Asset))]
[JsonSerializable(typeof(List<Asset>))]
[JsonSerializable(typeof(IReadOnlyList<Asset>))]
[JsonSerializable(typeof(Page<Asset>))]
[JsonSerializable(typeof(FeatureSet))]
[JsonSerializable(typeof(Page<FeatureSet>))]
[JsonSerializable(typeof(MetricSet))]
[JsonSerializable(typeof(Page<MetricSet>))]
[JsonSerializable(typeof(TagsQuery))]
[JsonSerializable(typeof(LabelsQuery))]
[JsonSerializable(typeof(TextQuery))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<Feature>))]
[JsonSerializable(typeof(IReadOnlyList<DeequMetric>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class MastroJsonContext : JsonSerializerContext;
