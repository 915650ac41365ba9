using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace Mastro.Server.Http;

/// <summary>One representation of a file: its bytes and their validator.</summary>
internal sealed record EncodedContent(byte[] Bytes, EntityTagHeaderValue ETag);

/// <summary>One file of the web UI, held in memory as is and gzipped (when that is smaller).</summary>
internal sealed record StaticFile(string ContentType, EncodedContent Identity, EncodedContent? Gzip);

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
            var tag = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
            var gzipped = Compress(content);
            files[path] = new StaticFile(
                contentType,
                new EncodedContent(content, new EntityTagHeaderValue($"\"{tag}\"")),
                // A different representation needs a different validator.
                gzipped is null ? null : new EncodedContent(gzipped, new EntityTagHeaderValue($"\"{tag}-gzip\"")));
        }
        return new StaticFiles(files);
    }

    public StaticFile? Find(string path) => _files.GetValueOrDefault(path);

    /// <summary>Answers the file, gzipped when the client accepts it; 304 when the client's ETag matches.</summary>
    public static IResult Serve(HttpContext context, StaticFile file, string cacheControl)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = cacheControl;
        headers.XContentTypeOptions = "nosniff";
        var content = file.Identity;
        if (file.Gzip is not null)
        {
            headers.Vary = HeaderNames.AcceptEncoding;
            if (AcceptsGzip(context.Request))
            {
                headers.ContentEncoding = "gzip";
                content = file.Gzip;
            }
        }
        return TypedResults.Bytes(content.Bytes, file.ContentType, entityTag: content.ETag);
    }

    /// <summary>The compressed bytes, or null when compression does not pay (images, tiny files).</summary>
    private static byte[]? Compress(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return buffer.Length < content.Length * 0.9 ? buffer.ToArray() : null;
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        request.GetTypedHeaders().AcceptEncoding.Any(e =>
            (e.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) || e.Value.Equals("*", StringComparison.Ordinal))
            && (e.Quality ?? 1) > 0);
}
