using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mastro.Crawlers.Manifests;

/// <summary>
/// Writes YAML nodes, straight from the parser's events, as JSON so that nested maps and lists survive (the
/// original's yaml.v2 maps could not be serialised to JSON, which failed the whole run). Plain scalars follow YAML 1.2
/// core types (null, booleans, numbers); quoted scalars stay strings.
/// </summary>
internal static class YamlJson
{
    /// <summary>Deeper nesting is refused before the recursion here could exhaust the stack.</summary>
    private const int MaxDepth = 1000;

    /// <summary>Writes the node that starts with <paramref name="first"/>.</summary>
    public static void Write(YamlEvents events, ParsingEvent first, Utf8JsonWriter json)
    {
        switch (first)
        {
            case MappingStart:
                WriteMap(events, first, json);
                break;
            case SequenceStart:
                WriteList(events, first, json, asText: false);
                break;
            case Scalar scalar:
                WriteScalar(scalar, json);
                break;
            default:
                throw new ManifestShapeException(first.Start, first.End, $"unsupported YAML node {first.GetType().Name}");
        }
    }

    /// <summary>A scalar's text as a JSON string, for fields that are strings whatever they look like (<c>name: 2021</c>).</summary>
    public static void WriteAsText(YamlEvents events, ParsingEvent first, Utf8JsonWriter json)
    {
        switch (first)
        {
            case Scalar scalar when IsNull(scalar):
                json.WriteNullValue();
                break;
            case Scalar scalar:
                json.WriteStringValue(scalar.Value);
                break;
            case SequenceStart:
                WriteList(events, first, json, asText: true);
                break;
            default:
                Write(events, first, json);
                break;
        }
    }

    /// <summary>
    /// Writes the entries of a map whose <see cref="MappingStart"/> was read; keys must be scalars and unique.
    /// <paramref name="writeValue"/> writes each value (the asset's top level treats some fields as text).
    /// </summary>
    public static void WriteEntries(YamlEvents events, Utf8JsonWriter json, string nonScalarKey, Action<string, ParsingEvent> writeValue)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (events.Read() is var key and not MappingEnd)
        {
            if (key is not Scalar { Value: var name })
                throw new ManifestShapeException(key.Start, events.SkipNode(key).End, nonScalarKey);
            // A YAML error, not just a bad asset: the stream is not a valid YAML document.
            if (!keys.Add(name))
                throw new YamlException(key.Start, key.End, $"Duplicate key {name}");
            json.WritePropertyName(name);
            writeValue(name, events.Read());
        }
    }

    private static void WriteMap(YamlEvents events, ParsingEvent first, Utf8JsonWriter json)
    {
        Nest(first, json);
        json.WriteStartObject();
        WriteEntries(events, json, "map keys must be plain values, not lists or maps", (_, value) => Write(events, value, json));
        json.WriteEndObject();
    }

    private static void WriteList(YamlEvents events, ParsingEvent first, Utf8JsonWriter json, bool asText)
    {
        Nest(first, json);
        json.WriteStartArray();
        while (events.Read() is var item and not SequenceEnd)
        {
            if (asText) WriteAsText(events, item, json);
            else Write(events, item, json);
        }
        json.WriteEndArray();
    }

    private static void Nest(ParsingEvent first, Utf8JsonWriter json)
    {
        if (json.CurrentDepth >= MaxDepth)
            throw new ManifestShapeException(first.Start, first.End, $"nested more than {MaxDepth} levels deep");
    }

    private static void WriteScalar(Scalar scalar, Utf8JsonWriter json)
    {
        var text = scalar.Value;
        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
            json.WriteStringValue(text);
        else if (IsNull(scalar))
            json.WriteNullValue();
        else if (text is "true" or "True" or "TRUE")
            json.WriteBooleanValue(true);
        else if (text is "false" or "False" or "FALSE")
            json.WriteBooleanValue(false);
        else if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            json.WriteNumberValue(integer);
        else if (LooksNumeric(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
            json.WriteNumberValue(real);
        else
            json.WriteStringValue(text);
    }

    private static bool IsNull(Scalar scalar) =>
        scalar.Style is ScalarStyle.Plain or ScalarStyle.Any && scalar.Value is "" or "~" or "null" or "Null" or "NULL";

    // double.TryParse also accepts "Infinity" and thousands forms; YAML numbers are digits, sign, '.', and exponent only.
    private static bool LooksNumeric(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiDigit(c) || c is '.' or '-' or '+' or 'e' or 'E') && text.Any(char.IsAsciiDigit);
}

/// <summary>Well-formed YAML that does not make an asset's JSON (a list as a map key, nesting too deep).</summary>
internal sealed class ManifestShapeException(Mark start, Mark end, string message) : YamlException(start, end, message);
