using System.Text.Json.Serialization;

namespace Mastro.Server.Http;

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
