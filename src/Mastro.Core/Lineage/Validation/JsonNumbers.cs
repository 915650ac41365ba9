using System.Text.Json;

namespace Mastro.Core.Lineage.Validation;

/// <summary>Where System.Text.Json and Json.NET (which NJsonSchema validates) read the same number differently.</summary>
internal static class JsonNumbers
{
    /// <summary>Json.NET reads a number as an integer exactly when it is written without a fraction or an exponent.</summary>
    public static bool IsWrittenAsInteger(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny('.', 'e', 'E') < 0;

    /// <summary>
    /// Whether <paramref name="value"/> holds an integer beyond 64 bits (Json.NET makes it a BigInteger, which
    /// NJsonSchema cannot validate) or a number beyond double's range.
    /// </summary>
    public static bool HasOutOfRangeNumber(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().Any(property => HasOutOfRangeNumber(property.Value)),
        JsonValueKind.Array => value.EnumerateArray().Any(HasOutOfRangeNumber),
        JsonValueKind.Number => IsWrittenAsInteger(value)
            ? !value.TryGetInt64(out _)
            : !value.TryGetDouble(out var number) || !double.IsFinite(number),
        _ => false,
    };
}
