using System.Text.Json;

namespace Mastro.Core.Validation;

/// <summary>
/// U+0000 cannot be stored by PostgreSQL (text or jsonb), so it is refused everywhere up front: both stores
/// then accept exactly the same input, and the client learns which field is at fault.
/// </summary>
public static class NulCharacters
{
    public static bool In(string? text) => text is not null && text.Contains('\0');

    public static bool In(IEnumerable<string?> texts) => texts.Any(In);

    public static bool In(IReadOnlyDictionary<string, JsonElement> map) =>
        map.Any(pair => In(pair.Key) || In(pair.Value));

    public static bool In(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => In(element.GetString()),
        JsonValueKind.Array => element.EnumerateArray().Any(In),
        JsonValueKind.Object => element.EnumerateObject().Any(p => In(p.Name) || In(p.Value)),
        _ => false,
    };
}
