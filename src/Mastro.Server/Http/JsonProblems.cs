using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace Mastro.Server.Http;

/// <summary>Turns System.Text.Json's exceptions into short messages a client can act on.</summary>
internal static partial class JsonProblems
{
    /// <summary>
    /// Describes a failure to read JSON into <paramref name="root"/>'s type. For a wrong type, STJ only names the
    /// enclosing type, so the expected type is found by following the exception's JSON path through the metadata.
    /// </summary>
    public static string Describe(JsonException e, JsonTypeInfo? root = null)
    {
        var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path;
        if (path is not null && root is not null && e.Message.Contains("could not be converted", StringComparison.Ordinal)
            && ExpectedAt(root, path) is { } expected)
            return $"{path}: expected {expected}";
        var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim().TrimEnd('.');
        if (path is not null)
            return $"{path}: {reason}";
        var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : "";
        return $"malformed JSON{where}: {reason}";
    }

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    private static string? ExpectedAt(JsonTypeInfo root, string path)
    {
        var current = root;
        foreach (Match segment in PathSegment().Matches(path))
        {
            var next = segment.Groups["index"].Success || current.Kind == JsonTypeInfoKind.Dictionary
                ? current.ElementType
                : current.Properties.FirstOrDefault(p => p.Name == (segment.Groups["name"].Success ? segment.Groups["name"].Value : segment.Groups["quoted"].Value))?.PropertyType;
            if (next is null) return null;
            current = current.Options.GetTypeInfo(next);
        }
        return Describe(current);
    }

    private static string Describe(JsonTypeInfo type) => type.Kind switch
    {
        JsonTypeInfoKind.Enumerable => type.ElementType == typeof(string) ? "an array of strings" : "an array",
        JsonTypeInfoKind.Dictionary => type.ElementType == typeof(string) ? "an object of string values" : "an object",
        JsonTypeInfoKind.Object => "an object",
        _ => Type.GetTypeCode(Nullable.GetUnderlyingType(type.Type) ?? type.Type) switch
        {
            TypeCode.String => "a string",
            TypeCode.Int32 or TypeCode.Int64 => "a whole number",
            TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "a boolean",
            _ when type.Type == typeof(DateTimeOffset) => "an RFC 3339 timestamp",
            _ => "a different JSON value",
        },
    };

    // "$.metrics[0].resultKey" → metrics, [0], resultKey; "$['odd key']" → odd key.
    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]", RegexOptions.CultureInvariant)]
    private static partial Regex PathSegment();
}
