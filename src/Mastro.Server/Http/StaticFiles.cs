using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Mastro.Server.Http;

/// <summary>One file of the web UI, held in memory with its gzip form (when that is smaller) and a content hash as ETag.</summary>
internal sealed record StaticFile(string ContentType, byte[] Content, byte[]? Gzipped, EntityTagHeaderValue ETag);

/// <summary>
/// The built web UI, embedded in this assembly as resources named <c>webui/&lt;path&gt;</c> (see Mastro.Server.csproj),
/// so the single-file binary carries it and deployments need no CDN or file system. Loaded once: a few hundred KiB.
/// </summary>
internal sealed class StaticFiles
{
    private const string ResourcePrefix = "webui/";
    private readonly IReadOnlyDictionary<string, StaticFile> _files;

    private StaticFiles(IReadOnlyDictionary<string, StaticFile> files) => _files = files;

    public static StaticFiles FromAssembly(Assembly assembly)
    {
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, StaticFile>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var path = resource[ResourcePrefix.Length..].Replace('\\', '/');
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var contentType = types.TryGetContentType(path, out var type) ? type : "application/octet-stream";
            if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
                contentType += "; charset=utf-8";
            var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
            files[path] = new StaticFile(contentType, content, Gzip(content), etag);
        }
        return new StaticFiles(files);
    }

    public StaticFile? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>The compressed form, or null when compression does not pay (images, tiny files).</summary>
    private static byte[]? Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return buffer.Length < content.Length * 0.9 ? buffer.ToArray() : null;
    }

    /// <summary>Answers the file, gzipped when the client accepts it; 304 when the client's ETag matches.</summary>
    public static IResult Serve(HttpContext context, StaticFile file, string cacheControl)
    {
        var response = context.Response;
        response.Headers.CacheControl = cacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        if (file.Gzipped is null)
            return TypedResults.Bytes(file.Content, file.ContentType, entityTag: file.ETag);
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (!AcceptsGzip(context.Request))
            return TypedResults.Bytes(file.Content, file.ContentType, entityTag: file.ETag);
        response.Headers.ContentEncoding = "gzip";
        // A different representation needs a different validator.
        var etag = new EntityTagHeaderValue(file.ETag.Tag.Value!.TrimEnd('"') + "-gzip\"");
        return TypedResults.Bytes(file.Gzipped, file.ContentType, entityTag: etag);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e =>
            (e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || e.Value.Equals("*", StringComparison.Ordinal))
            && (e.Quality ?? 1) > 0);
}
