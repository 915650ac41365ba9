using System.Text.Json.Serialization;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Security;

namespace Mastro.Server.Security;

/// <summary>Source-generated serializers of the security routes, with Mastro's timestamp format.</summary>
[JsonSourceGenerationOptions(Converters = [typeof(Rfc3339TimestampConverter)])]
[JsonSerializable(typeof(Page<AuditEntry>))]
internal sealed partial class SecurityJsonContext : JsonSerializerContext;
