using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mastro.Crawlers.Manifests;

/// <summary>
/// Parses a MANIFEST file (YAML, one asset per document) into assets. Validation is the runner's job, so that every
/// source is checked the same way.
/// </summary>
public static class ManifestReader
{
    /// <summary>Manifests are small hand-written files; anything larger is almost certainly not one.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Asset fields that are strings even when they look like numbers or booleans (<c>name: 2021</c>).</summary>
    private static readonly HashSet<string> TextFields = ["name", "description", "type", "published-on", "last-discovered-at", "tags", "depends-on"];

    public sealed record Result(IReadOnlyList<Asset> Assets, string? Error);

    public static async Task<Result> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var text = await ReadLimitedAsync(stream, cancellationToken);
        return text is null ? new Result([], $"larger than {MaxBytes / (1024 * 1024)} MiB") : Parse(text);
    }

    public static Result Parse(string yaml)
    {
        var documents = new YamlStream();
        try
        {
            documents.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return new Result([], $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}");
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this instead of a YamlException on some malformed input (an unclosed flow
            // sequence holding a multi-line plain scalar): still the manifest's fault, so a skip, not a failed run.
            return new Result([], $"invalid YAML: {e.Message}");
        }
        var assets = new List<Asset>();
        for (var i = 0; i < documents.Documents.Count; i++)
        {
            var where = documents.Documents.Count > 1 ? $"document {i + 1}: " : "";
            var (asset, error) = ToAsset(documents.Documents[i].RootNode);
            if (error is not null) return new Result([], where + error);
            assets.Add(asset!);
        }
        return assets.Count == 0 ? new Result([], "empty manifest") : new Result(assets, null);
    }

    private static (Asset? Asset, string? Error) ToAsset(YamlNode root)
    {
        if (root is YamlScalarNode { Value: null or "" }) return (null, "empty manifest");
        if (root is not YamlMappingNode map) return (null, "the manifest is not a map of asset fields");
        JsonObject json;
        try
        {
            json = new JsonObject();
            foreach (var (key, value) in map.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? throw new YamlException(key.Start, key.End, "map keys must be plain values");
                if (json.ContainsKey(name)) throw new YamlException(key.Start, key.End, $"duplicate key '{name}'");
                json[name] = TextFields.Contains(name) ? YamlJson.ConvertAsText(value) : YamlJson.Convert(value);
            }
        }
        catch (YamlException e)
        {
            return (null, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}");
        }
        try
        {
            var asset = json.Deserialize(MastroJsonContext.Default.Asset);
            return asset is null ? (null, "empty manifest") : (asset.WithEmptyCollectionsForNulls(), null);
        }
        catch (JsonException e)
        {
            return (null, $"not an asset: {e.Message}");
        }
    }

    private static string Reason(YamlException e) => (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");

    private static async Task<string?> ReadLimitedAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return new UTF8Encoding(false, throwOnInvalidBytes: false).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
