namespace Mastro.Server.Observability;

/// <summary>
/// Mastro's log sink: every entry as one JSON line (<see cref="JsonLogLine"/>) on an output, stdout in production,
/// written in batches off the logging thread (<see cref="BatchedLineWriter"/>). Level filters are the logging
/// builder's (<c>AddFilter</c>), as for any provider.
/// </summary>
internal sealed class JsonLinesLoggerProvider : ILoggerProvider
{
    private readonly TimeProvider _clock;
    private readonly BatchedLineWriter _writer;

    public JsonLinesLoggerProvider(Stream output, TimeProvider clock, int capacity = BatchedLineWriter.DefaultCapacity)
    {
        _clock = clock;
        _writer = new BatchedLineWriter(output, DroppedNotice, capacity);
    }

    /// <summary>JSON lines on the process's standard output.</summary>
    public static JsonLinesLoggerProvider ToStandardOutput() => new(Console.OpenStandardOutput(), TimeProvider.System);

    public ILogger CreateLogger(string categoryName) => new JsonLinesLogger(categoryName, this);

    /// <summary>Writes the lines still queued.</summary>
    public void Dispose() => _writer.Dispose();

    private const string DroppedTemplate = "{Count} log lines were dropped: the log output could not keep up";

    /// <summary>A warning from this sink itself, as the line a logger would have written for it.</summary>
    private byte[] DroppedNotice(long count)
    {
        KeyValuePair<string, object?>[] values = [new("Count", count), new("{OriginalFormat}", DroppedTemplate)];
        return JsonLogLine.Format(_clock.GetUtcNow(), typeof(JsonLinesLoggerProvider).FullName!, LogLevel.Warning, default, values, null,
            DroppedTemplate.Replace("{Count}", count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private sealed class JsonLinesLogger(string category, JsonLinesLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var message = formatter(state, exception);
            provider._writer.Add(JsonLogLine.Format(provider._clock.GetUtcNow(), category, logLevel, eventId, state, exception, message));
        }
    }
}
