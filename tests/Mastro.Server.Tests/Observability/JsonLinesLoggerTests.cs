using System.Text;
using System.Text.Json;
using Mastro.Server.Observability;
using Microsoft.Extensions.Logging;

namespace Mastro.Server.Tests.Observability;

/// <summary>The log sink: JSON lines in the console formatter's shape, written in batches, never holding up a caller.</summary>
public sealed class JsonLinesLoggerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    [Fact]
    public void An_entry_is_one_json_line_with_level_category_message_and_values()
    {
        var output = new GatedStream(open: true);
        using (var provider = new JsonLinesLoggerProvider(output, new FixedClock(Now)))
        {
            var logger = provider.CreateLogger("Mastro.Test");
            logger.LogWarning(new EventId(7), new InvalidOperationException("boom"),
                "{Method} {Path} took {DurationMs}ms, ok={Ok}, who={Who}", "GET", "/asset/name/a<b", 1.5, true, null);
        }

        var line = Assert.Single(output.Lines);
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("2026-03-04T05:06:07.890Z", root.GetProperty("Timestamp").GetString());
        Assert.Equal(7, root.GetProperty("EventId").GetInt32());
        Assert.Equal("Warning", root.GetProperty("LogLevel").GetString());
        Assert.Equal("Mastro.Test", root.GetProperty("Category").GetString());
        Assert.Equal("GET /asset/name/a<b took 1.5ms, ok=True, who=(null)", root.GetProperty("Message").GetString());
        Assert.StartsWith("System.InvalidOperationException: boom", root.GetProperty("Exception").GetString());
        var state = root.GetProperty("State");
        Assert.Equal(root.GetProperty("Message").GetString(), state.GetProperty("Message").GetString());
        Assert.Equal("/asset/name/a<b", state.GetProperty("Path").GetString());
        Assert.Equal(1.5, state.GetProperty("DurationMs").GetDouble());
        Assert.True(state.GetProperty("Ok").GetBoolean());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("Who").ValueKind);
        Assert.Equal("{Method} {Path} took {DurationMs}ms, ok={Ok}, who={Who}", state.GetProperty("{OriginalFormat}").GetString());
    }

    [Fact]
    public async Task Lines_logged_while_a_write_is_under_way_go_out_together_in_order()
    {
        var output = new GatedStream(open: false);
        using (var provider = new JsonLinesLoggerProvider(output, TimeProvider.System))
        {
            var logger = provider.CreateLogger("Mastro.Test");
            logger.LogInformation("line {Number}", 0);
            await output.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(10));
            for (var i = 1; i < 1000; i++) logger.LogInformation("line {Number}", i);
            output.Open();
        }

        Assert.Equal(Enumerable.Range(0, 1000).Select(i => $"line {i}"), output.Lines.Select(MessageOf));
        // The first line, then the 999 gathered meanwhile in one or two writes (a write takes up to 256 KiB).
        Assert.InRange(output.Writes, 2, 3);
    }

    [Fact]
    public async Task A_stuck_output_drops_lines_beyond_the_queue_counts_them_and_says_so_once_it_recovers()
    {
        const int capacity = 10;
        using var metrics = new PrometheusMetrics([BatchedLineWriter.MeterName]);
        var output = new GatedStream(open: false);
        using (var provider = new JsonLinesLoggerProvider(output, TimeProvider.System, capacity))
        {
            var logger = provider.CreateLogger("Mastro.Test");
            logger.LogInformation("line {Number}", 0);
            await output.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(10));

            // The output stays stuck: logging must still return, the queue taking 10 lines and dropping the rest.
            var logging = Task.Run(() => { for (var i = 1; i <= 100; i++) logger.LogInformation("line {Number}", i); });
            await logging.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(output.IsOpen);
            output.Open();
        }

        var messages = output.Lines.Select(MessageOf).ToList();
        Assert.Equal(Enumerable.Range(0, 1 + capacity).Select(i => $"line {i}"), messages.Take(1 + capacity));
        Assert.Equal("90 log lines were dropped: the log output could not keep up", Assert.Single(messages.Skip(1 + capacity)));
        var dropped = (await MetricsScrape.ParseAsync(metrics)).Value("mastro_log_lines_dropped_total");
        Assert.True(dropped >= 90, $"mastro_log_lines_dropped_total is {dropped}");
    }

    private static string MessageOf(string line)
    {
        using var json = JsonDocument.Parse(line);
        return json.RootElement.GetProperty("Message").GetString()!;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>An output whose writes wait until it is opened, counting them.</summary>
    private sealed class GatedStream(bool open) : Stream
    {
        private readonly TaskCompletionSource _open = NewSignal(open);
        private readonly TaskCompletionSource _firstWriteStarted = NewSignal(false);
        private readonly MemoryStream _written = new();

        public Task FirstWriteStarted => _firstWriteStarted.Task;
        public bool IsOpen => _open.Task.IsCompleted;
        public int Writes { get; private set; }

        public IReadOnlyList<string> Lines =>
            Encoding.UTF8.GetString(_written.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public void Open() => _open.TrySetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _firstWriteStarted.TrySetResult();
            await _open.Task;
            Writes++;
            _written.Write(buffer.Span);
        }

        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        private static TaskCompletionSource NewSignal(bool set)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (set) signal.SetResult();
            return signal;
        }
    }
}
