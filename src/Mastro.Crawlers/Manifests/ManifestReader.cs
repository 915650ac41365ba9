using System.Buffers;
using System.Text;
using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mastro.Crawlers.Manifests;

/// <summary>
/// Parses a MANIFEST file (YAML, one asset per document) into assets. Validation is the runner's job, so that every
/// source is checked the same way.
/// </summary>
/// <remarks>
/// The parser's events are written straight to JSON, which is deserialized as an <see cref="Asset"/>: no YAML
/// document model and no JSON node tree in between (they cost more than the parsing itself).
/// </remarks>
public static class ManifestReader
{
    /// <summary>Manifests are small hand-written files; anything larger is almost certainly not one.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Asset fields that are strings even when they look like numbers or booleans (<c>name: 2021</c>).</summary>
    private static readonly HashSet<string> TextFields = ["name", "description", "type", "published-on", "last-discovered-at", "tags", "depends-on"];

    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: false);

    public sealed record Result(IReadOnlyList<Asset> Assets, string? Error);

    public static async Task<Result> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var text = await ReadLimitedAsync(stream, cancellationToken);
        return text is null ? new Result([], $"larger than {MaxBytes / (1024 * 1024)} MiB") : Parse(text);
    }

    public static Result Parse(string yaml)
    {
        // Every document is converted before any error is reported, so that a syntax error anywhere in the stream
        // wins over a document that does not make an asset, as it did when the whole stream was loaded first.
        var documents = new List<(Asset? Asset, string? Error)>();
        try
        {
            var events = new YamlEvents(new Parser(new StringReader(yaml)));
            events.Read<StreamStart>();
            var json = new ArrayBufferWriter<byte>();
            while (events.NextDocument())
                documents.Add(ReadDocument(events, json));
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
        for (var i = 0; i < documents.Count; i++)
        {
            var (asset, error) = documents[i];
            if (error is not null) return new Result([], (documents.Count > 1 ? $"document {i + 1}: " : "") + error);
            assets.Add(asset!);
        }
        return assets.Count == 0 ? new Result([], "empty manifest") : new Result(assets, null);
    }

    /// <summary>One document, from after its <see cref="DocumentStart"/> to its <see cref="DocumentEnd"/> inclusive.</summary>
    private static (Asset? Asset, string? Error) ReadDocument(YamlEvents events, ArrayBufferWriter<byte> buffer)
    {
        var root = events.Read();
        string? error = root switch
        {
            Scalar { Value: "" } => "empty manifest",
            not MappingStart => "the manifest is not a map of asset fields",
            _ => null,
        };
        if (error is not null)
        {
            events.SkipToDocumentEnd();
            return (null, error);
        }
        buffer.ResetWrittenCount();
        try
        {
            using var json = new Utf8JsonWriter(buffer);
            json.WriteStartObject();
            YamlJson.WriteEntries(events, json, "map keys must be plain values", (name, value) =>
            {
                if (TextFields.Contains(name)) YamlJson.WriteAsText(events, value, json);
                else YamlJson.Write(events, value, json);
            });
            json.WriteEndObject();
        }
        catch (ManifestShapeException e)
        {
            events.SkipToDocumentEnd();
            return (null, $"invalid YAML at line {e.Start.Line}, column {e.Start.Column}: {Reason(e)}");
        }
        events.Read<DocumentEnd>();
        try
        {
            var asset = JsonSerializer.Deserialize(buffer.WrittenSpan, MastroJsonContext.Default.Asset);
            return asset is null ? (null, "empty manifest") : (asset.WithEmptyCollectionsForNulls(), null);
        }
        catch (JsonException e)
        {
            return (null, $"not an asset: {e.Message}");
        }
    }

    private static string Reason(YamlException e) => (e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");

    /// <summary>The stream's text, or null if it is larger than <see cref="MaxBytes"/>.</summary>
    private static async Task<string?> ReadLimitedAsync(Stream stream, CancellationToken cancellationToken)
    {
        // A file's length is known (one fstat): reading that much needs one buffer of that size and no further read
        // to find the end (every read of a file is a hop to the thread pool). A file that grows while it is read is
        // read as far as its length when opened; one that shrinks ends early.
        var known = stream.CanSeek ? stream.Length - stream.Position : -1;
        if (known > MaxBytes) return null;
        var limit = known >= 0 ? (int)known : MaxBytes + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(known >= 0 ? Math.Max(limit, 1) : 81920);
        try
        {
            var length = 0;
            while (length < limit)
            {
                if (length == buffer.Length) buffer = Grow(buffer, limit);
                var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, limit) - length), cancellationToken);
                if (read == 0) break;
                length += read;
            }
            return length > MaxBytes ? null : Utf8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, limit));
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
