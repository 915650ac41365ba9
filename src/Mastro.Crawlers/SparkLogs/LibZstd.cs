using System.Runtime.InteropServices;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>
/// The few functions of Debian's libzstd (package libzstd1) needed to stream-decompress Spark's <c>.zstd</c> event
/// logs; no managed zstd package is available to this project.
/// </summary>
internal static class LibZstd
{
    private const string Library = "libzstd.so.1";

    /// <summary><c>ZSTD_inBuffer</c> and <c>ZSTD_outBuffer</c> share this layout: pointer, size, position.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Buffer
    {
        public IntPtr Data;
        public nuint Size;
        public nuint Position;
    }

    [DllImport(Library)]
    internal static extern IntPtr ZSTD_createDStream();

    [DllImport(Library)]
    internal static extern nuint ZSTD_freeDStream(IntPtr stream);

    [DllImport(Library)]
    internal static extern nuint ZSTD_initDStream(IntPtr stream);

    [DllImport(Library)]
    internal static extern nuint ZSTD_decompressStream(IntPtr stream, ref Buffer output, ref Buffer input);

    [DllImport(Library)]
    internal static extern nuint ZSTD_DStreamInSize();

    [DllImport(Library)]
    internal static extern nuint ZSTD_DStreamOutSize();

    [DllImport(Library)]
    internal static extern uint ZSTD_isError(nuint code);

    [DllImport(Library)]
    internal static extern IntPtr ZSTD_getErrorName(nuint code);

    internal static string ErrorName(nuint code) => Marshal.PtrToStringAnsi(ZSTD_getErrorName(code)) ?? $"zstd error {code}";
}

/// <summary>Owns a native decompression context and frees it exactly once.</summary>
internal sealed class ZstdDecompressionContext : SafeHandle
{
    public ZstdDecompressionContext() : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle(LibZstd.ZSTD_createDStream());
        if (IsInvalid) throw new OutOfMemoryException("ZSTD_createDStream failed");
        var result = LibZstd.ZSTD_initDStream(handle);
        if (LibZstd.ZSTD_isError(result) != 0) throw new InvalidDataException(LibZstd.ErrorName(result));
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        LibZstd.ZSTD_freeDStream(handle);
        return true;
    }
}
