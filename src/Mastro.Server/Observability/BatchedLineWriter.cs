using System.Buffers;
using System.Diagnostics.Metrics;
using System.Threading.Channels;

namespace Mastro.Server.Observability;

/// <summary>
/// Writes lines to an output (stdout) from one background task, many lines per write: whatever has gathered since
/// the last write goes out in one call, then the task pauses for <see cref="Pause"/> so that the next batch can
/// gather. A request that logs only formats its line and queues it; it never waits for the output.
/// </summary>
/// <remarks>
/// The framework's console logger writes each line with its own call from a writer thread that it wakes for every
/// line, and makes the logging thread wait once its queue is full: at ~15k requests/s that was a third of a
/// request's time (docs/PERFORMANCE.md). Here the queue is bounded too, but when the output cannot keep up, new lines
/// are dropped instead: each is counted in <c>mastro_log_lines_dropped_total</c>, and the next batch carries a line
/// saying how many were dropped.
/// </remarks>
internal sealed class BatchedLineWriter : IDisposable
{
    public const string MeterName = "Mastro.Logging";
    public const int DefaultCapacity = 16_384;
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    /// <summary>How long disposal waits for queued lines to be written (a stuck output must not hold up shutdown).</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Large enough for hundreds of lines per write, small enough to start writing before a big backlog is copied.</summary>
    private const int MaxBatchBytes = 256 * 1024;

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> DroppedLines = Meter.CreateCounter<long>(
        "mastro.log.lines.dropped", unit: "{line}", description: "Log lines dropped because the output could not keep up.");

    private readonly Stream _output;
    private readonly Func<long, byte[]> _droppedNotice;
    private readonly Channel<byte[]> _lines;
    private readonly Task _writing;
    private long _droppedSinceReport;

    /// <param name="output">Where the lines go; written by one task only.</param>
    /// <param name="capacity">Lines that may wait to be written; more are dropped.</param>
    /// <param name="droppedNotice">The line that says how many lines were dropped since the last batch.</param>
    public BatchedLineWriter(Stream output, Func<long, byte[]> droppedNotice, int capacity = DefaultCapacity)
    {
        _output = output;
        _droppedNotice = droppedNotice;
        _lines = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => CountDropped(1));
        _writing = Task.Run(WriteBatchesAsync);
    }

    /// <summary>Queues a line (UTF-8, ending in a newline); drops it when the queue is full or the writer is disposed.</summary>
    public void Add(byte[] line)
    {
        if (!_lines.Writer.TryWrite(line)) CountDropped(1);
    }

    private void CountDropped(long count)
    {
        Interlocked.Add(ref _droppedSinceReport, count);
        DroppedLines.Add(count);
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new ArrayBufferWriter<byte>(MaxBatchBytes);
        while (await _lines.Reader.WaitToReadAsync())
        {
            var lines = 0;
            while (batch.WrittenCount < MaxBatchBytes && _lines.Reader.TryRead(out var line))
            {
                batch.Write(line);
                lines++;
            }
            // In the batch itself rather than queued, where it could find the queue full again.
            var dropped = Interlocked.Exchange(ref _droppedSinceReport, 0);
            if (dropped > 0) batch.Write(_droppedNotice(dropped));
            try
            {
                await _output.WriteAsync(batch.WrittenMemory);
                await _output.FlushAsync();
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                // The output is gone (a closed pipe): there is nowhere left to report to but the count.
                CountDropped(lines);
            }
            var full = batch.WrittenCount >= MaxBatchBytes;
            batch.ResetWrittenCount();
            // A full batch means a backlog: write on at once. Otherwise let the next lines gather.
            if (!full) await Task.Delay(Pause);
        }
    }

    /// <summary>Writes what is queued (waiting at most a few seconds) and stops.</summary>
    public void Dispose()
    {
        _lines.Writer.TryComplete();
        _writing.Wait(FlushTimeout);
    }
}
