using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Mastro.Core.Json;
using Mastro.Core.Lineage.Events;
using Mastro.Core.Lineage.Graph;
using Mastro.Core.Lineage.Runs;
using Mastro.Core.Model;

namespace Mastro.Core.Lineage;

/// <summary>Source-generated serializers for OpenLineage events, their facets and the lineage API's answers.</summary>
[JsonSourceGenerationOptions(
    Converters = [typeof(Rfc3339TimestampConverter)],
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(OpenLineageEvent))]
[JsonSerializable(typeof(SchemaFacet))]
[JsonSerializable(typeof(SymlinksFacet))]
[JsonSerializable(typeof(DataSourceFacet))]
[JsonSerializable(typeof(StorageFacet))]
[JsonSerializable(typeof(OwnershipFacet))]
[JsonSerializable(typeof(DocumentationFacet))]
[JsonSerializable(typeof(SqlFacet))]
[JsonSerializable(typeof(JobTypeFacet))]
[JsonSerializable(typeof(SourceCodeLocationFacet))]
[JsonSerializable(typeof(ErrorMessageFacet))]
[JsonSerializable(typeof(ParentRunFacet))]
[JsonSerializable(typeof(ColumnLineageFacet))]
[JsonSerializable(typeof(ColumnLineage))]
[JsonSerializable(typeof(LineageRun))]
[JsonSerializable(typeof(Page<LineageRun>))]
[JsonSerializable(typeof(Page<JsonElement>))]
[JsonSerializable(typeof(LineageGraph))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
public sealed partial class LineageJsonContext : JsonSerializerContext;
