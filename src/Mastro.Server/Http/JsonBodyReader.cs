using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Mastro.Server.Http;

/// <summary>
/// Reads request bodies as JSON with the size limit enforced here (not only by Kestrel, so every host
/// behaves the same) and turns every parse problem into a 400 naming where and what it is.
/// The content type is not checked: the original accepted any, and crawlers and curl users rely on it.
/// </summary>
internal sealed class JsonBodyReader(RequestLimits limits)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Parses the body into a document; the caller disposes it.</summary>
    public async Task<JsonDocument> ReadDocumentAsync(HttpRequest request, string errorPrefix)
    {
        var bytes = await ReadBytesAsync(request);
        try
        {
            return JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"{errorPrefix} :: {JsonProblems.Describe(e)}");
        }
    }

    /// <summary>Reads a JSON object body into <typeparamref name="T"/>.</summary>
    public async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, string errorPrefix) where T : class
    {
        using var document = await ReadDocumentAsync(request, errorPrefix);
        return Deserialize(document.RootElement, typeInfo, errorPrefix);
    }

    /// <summary>Deserializes one JSON object, with a 400 naming the JSON path of a wrong type.</summary>
    public static T Deserialize<T>(JsonElement element, JsonTypeInfo<T> typeInfo, string errorPrefix) where T : class
    {
        var problem = Problem(element, typeInfo, out var value);
        return problem is null ? value! : throw ApiException.BadRequest($"{errorPrefix} :: {problem}");
    }

    /// <summary>Returns the problem with <paramref name="element"/> as a <typeparamref name="T"/> object, or null.</summary>
    public static string? Problem<T>(JsonElement element, JsonTypeInfo<T> typeInfo, out T? value) where T : class
    {
        value = null;
        if (element.ValueKind != JsonValueKind.Object)
            return $"expected a JSON object, got {JsonProblems.KindName(element.ValueKind)}";
        try
        {
            value = element.Deserialize(typeInfo);
            return value is null ? "expected a JSON object, got null" : null;
        }
        catch (JsonException e)
        {
            return JsonProblems.Describe(e, typeInfo);
        }
    }

    private async Task<ReadOnlyMemory<byte>> ReadBytesAsync(HttpRequest request)
    {
        if (request.ContentLength > limits.MaxBodyBytes)
            throw TooLarge();
        // Sized for the whole body plus the byte the last, empty read needs; a body longer than announced (decompressed,
        // or sent without a length) doubles the buffer as it grows. Asking for a fixed chunk size instead made every
        // small body allocate, zero and copy into a second, larger buffer.
        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limits.MaxBodyBytes) + 1);
        while (true)
        {
            var memory = buffer.GetMemory();
            var read = await ReadDecompressedAsync(request, memory);
            if (read == 0) break;
            buffer.Advance(read);
            if (buffer.WrittenCount > limits.MaxBodyBytes)
                throw TooLarge();
        }
        if (buffer.WrittenCount == 0)
            throw ApiException.BadRequest("request body is empty (expected JSON)");
        // JSON text is UTF-8 (RFC 8259). Checked here once: JsonDocument only notices bad bytes inside a string when
        // that string is read, which may be long after parsing (raw text kept for lineage events, say).
        if (!System.Text.Unicode.Utf8.IsValid(buffer.WrittenSpan))
            throw ApiException.BadRequest("request body is not valid UTF-8 (JSON text must be UTF-8)");
        return buffer.WrittenMemory;
    }

    /// <summary>
    /// Reads the body through the request decompression, which reports a corrupt gzip or deflate body as
    /// <see cref="InvalidDataException"/> (or, for some corrupt deflate streams, zlib's own error, a
    /// <see cref="IOException"/>) and a corrupt Brotli body as <see cref="InvalidOperationException"/> from
    /// System.IO.Compression (the Content-Encoding header is gone by then): the client's mistake, so a 400, not a 500.
    /// </summary>
    private static async Task<int> ReadDecompressedAsync(HttpRequest request, Memory<byte> memory)
    {
        try
        {
            return await request.Body.ReadAsync(memory, request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException
            || (e is InvalidOperationException or IOException && e.Source?.StartsWith("System.IO.Compression", StringComparison.Ordinal) == true))
        {
            throw ApiException.BadRequest($"request body cannot be decompressed (Content-Encoding): {e.Message}");
        }
    }

    private ApiException TooLarge() =>
        ApiException.TooLarge($"request body is larger than the limit of {limits.MaxBodyBytes} bytes");
}
