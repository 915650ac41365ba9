using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Mastro.Server.Observability;

/// <summary>
/// One log entry as one line of JSON, in the shape of ASP.NET Core's JSON console formatter (which Mastro used before
/// and docs/CRAWLERS.md describes): <c>Timestamp</c> (UTC, milliseconds), <c>EventId</c>, <c>LogLevel</c>,
/// <c>Category</c>, <c>Message</c>, <c>Exception</c> when there is one, and <c>State</c> with the message and each
/// structured value (numbers and booleans as JSON numbers and booleans, anything else as text).
/// </summary>
internal static class JsonLogLine
{
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    // One writer and buffer per thread: a line is formatted on the logging thread without allocating either.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>The entry as UTF-8 JSON, ending in a newline.</summary>
    public static byte[] Format<TState>(
        DateTimeOffset timestamp, string category, LogLevel level, EventId eventId, TState state, Exception? exception, string message)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);

        writer.WriteStartObject();
        Span<char> time = stackalloc char[TimestampFormat.Length];
        timestamp.UtcDateTime.TryFormat(time, out var timeLength, TimestampFormat, CultureInfo.InvariantCulture);
        writer.WriteString("Timestamp"u8, time[..timeLength]);
        writer.WriteNumber("EventId"u8, eventId.Id);
        writer.WriteString("LogLevel"u8, LevelName(level));
        writer.WriteString("Category"u8, category);
        writer.WriteString("Message"u8, message);
        if (exception is not null)
            writer.WriteString("Exception"u8, exception.ToString());
        if (state is not null)
        {
            writer.WriteStartObject("State"u8);
            // The state's own text is the message: the message templates' formatters are its ToString().
            writer.WriteString("Message"u8, message);
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values)
                for (var i = 0; i < values.Count; i++)
                    WriteValue(writer, values[i].Key, values[i].Value);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.Flush();
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(key); break;
            case bool b: writer.WriteBoolean(key, b); break;
            case int i: writer.WriteNumber(key, i); break;
            case long l: writer.WriteNumber(key, l); break;
            case double d when double.IsFinite(d): writer.WriteNumber(key, d); break;
            case float f when float.IsFinite(f): writer.WriteNumber(key, f); break;
            case decimal m: writer.WriteNumber(key, m); break;
            case short s: writer.WriteNumber(key, s); break;
            case byte b: writer.WriteNumber(key, b); break;
            case uint u: writer.WriteNumber(key, u); break;
            case ulong u: writer.WriteNumber(key, u); break;
            case string text: writer.WriteString(key, text); break;
            default: writer.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "Trace",
        LogLevel.Debug => "Debug",
        LogLevel.Information => "Information",
        LogLevel.Warning => "Warning",
        LogLevel.Error => "Error",
        LogLevel.Critical => "Critical",
        _ => level.ToString(),
    };
}
