using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mastro.Core.Json;

/// <summary>
/// Timestamps as Go's <c>time.Time</c> writes them: RFC 3339 in UTC with trailing fractional zeros trimmed
/// (<c>2021-03-23T13:52:43.787Z</c>), the zero time as <c>0001-01-01T00:00:00Z</c>. JSON <c>null</c> reads as the zero time.
/// </summary>
public sealed class Rfc3339TimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return DateTimeOffset.MinValue;
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("expected an RFC 3339 timestamp string");
        var text = reader.GetString()!;
        return Timestamps.TryParse(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not an RFC 3339 timestamp");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Timestamps.Format(value));
}

/// <summary>Parsing, formatting and precision of the timestamps Mastro stores.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture).TrimEnd('0').TrimEnd('.');
        return text + "Z";
    }

    public static bool TryParse(string text, out DateTimeOffset value)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
        if (ok) value = Truncate(value);
        return ok;
    }

    /// <summary>
    /// Stores keep microseconds (PostgreSQL's precision), so every timestamp is cut to that before it is
    /// stored and both backends read back exactly what the API answered.
    /// </summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    public static long ToUnixMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);
}
