using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mastro.Server.Http;

/// <summary>Turns System.Text.Json's exceptions into short messages a client can act on.</summary>
internal static partial class JsonProblems
{
    public static string Describe(JsonException e)
    {
        var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? null : e.Path;
        var converted = ConvertedTo().Match(e.Message);
        if (converted.Success)
            return $"{path ?? "the body"}: expected {FriendlyType(converted.Groups[1].Value)}";
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

    private static string FriendlyType(string dotnetType) => dotnetType switch
    {
        var t when t.StartsWith("System.String", StringComparison.Ordinal) => "a string",
        var t when t.StartsWith("System.Int64", StringComparison.Ordinal) || t.StartsWith("System.Int32", StringComparison.Ordinal) => "a whole number",
        var t when t.StartsWith("System.Double", StringComparison.Ordinal) => "a number",
        var t when t.StartsWith("System.DateTimeOffset", StringComparison.Ordinal) => "an RFC 3339 timestamp",
        var t when t.Contains("Dictionary", StringComparison.Ordinal) && t.EndsWith("[System.String,System.String]", StringComparison.Ordinal) => "an object of string values",
        var t when t.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        var t when t.Contains("List", StringComparison.Ordinal) && t.Contains("System.String", StringComparison.Ordinal) => "an array of strings",
        var t when t.Contains("List", StringComparison.Ordinal) => "an array",
        var t when t.StartsWith("Mastro.", StringComparison.Ordinal) => "an object",
        var t => t,
    };

    [GeneratedRegex(@"could not be converted to (\S+?)\.(?:\s|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();
}
