using System.Runtime.InteropServices;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>
/// A read-only stream of the decompressed content of zstd frames (one or more, as zstd-jni writes them), using
/// libzstd's streaming API. An input that ends mid-frame is an <see cref="InvalidDataException"/>, unless
/// <paramref name="allowTruncated"/> is set (a log still being written).
/// </summary>
public sealed class ZstdDecompressionStream(Stream compressed, bool allowTruncated = false) : Stream
{
    private readonly ZstdDecompressionContext _context = new();
    private readonly byte[] _input = GC.AllocateArray<byte>((int)LibZstd.ZSTD_DStreamInSize(), pinned: true);
    private readonly byte[] _output = GC.AllocateArray<byte>((int)LibZstd.ZSTD_DStreamOutSize(), pinned: true);
    private int _inputLength;
    private int _inputPosition;
    private int _outputLength;
    private int _outputPosition;
    private bool _compressedEnded;
    private bool _frameComplete = true;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            if (TakeOutput(buffer) is var taken and > 0) return taken;
            if (_inputPosition == _inputLength && !_compressedEnded)
                Refill(compressed.Read(_input, 0, _input.Length));
            if (!Decompress()) return 0;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (TakeOutput(buffer.Span) is var taken and > 0) return taken;
            if (_inputPosition == _inputLength && !_compressedEnded)
                Refill(await compressed.ReadAsync(_input, cancellationToken));
            if (!Decompress()) return 0;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int TakeOutput(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _outputLength - _outputPosition);
        if (count <= 0) return 0;
        _output.AsSpan(_outputPosition, count).CopyTo(destination);
        _outputPosition += count;
        return count;
    }

    private void Refill(int read)
    {
        _inputPosition = 0;
        _inputLength = read;
        _compressedEnded = read == 0;
    }

    /// <summary>Runs the decoder once; false at the end of the data.</summary>
    private bool Decompress()
    {
        var inputDrained = _compressedEnded && _inputPosition == _inputLength;
        if (inputDrained && _frameComplete) return false;
        var input = new LibZstd.Buffer
        {
            Data = Marshal.UnsafeAddrOfPinnedArrayElement(_input, 0),
            Size = (nuint)_inputLength,
            Position = (nuint)_inputPosition,
        };
        var output = new LibZstd.Buffer { Data = Marshal.UnsafeAddrOfPinnedArrayElement(_output, 0), Size = (nuint)_output.Length };
        var result = LibZstd.ZSTD_decompressStream(_context.DangerousGetHandle(), ref output, ref input);
        if (LibZstd.ZSTD_isError(result) != 0)
            throw new InvalidDataException($"corrupt zstd data: {LibZstd.ErrorName(result)}");
        _inputPosition = (int)input.Position;
        _outputPosition = 0;
        _outputLength = (int)output.Position;
        _frameComplete = result == 0;
        // With all input consumed, a frame that is still open and yields nothing more was cut short.
        if (inputDrained && _outputLength == 0 && !_frameComplete)
        {
            if (!allowTruncated)
                throw new InvalidDataException("the zstd data ends in the middle of a frame (truncated file)");
            return false;
        }
        return true;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _context.Dispose();
            compressed.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _context.Dispose();
        await compressed.DisposeAsync();
        await base.DisposeAsync();
    }
}
