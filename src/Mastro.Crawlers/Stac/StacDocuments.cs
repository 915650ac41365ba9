using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mastro.Crawlers.Stac;

/// <summary>
/// Loads STAC/openEO JSON documents from local paths or http(s) URLs and resolves relative links against the
/// document they appear in (a local catalog may link to remote children and vice versa).
/// </summary>
public sealed class StacDocuments(HttpClient http) : IDisposable
{
    /// <summary>Documents are metadata; anything larger is refused rather than held in memory.</summary>
    public const int MaxBytes = 64 * 1024 * 1024;

    public static bool IsUrl(string location) =>
        location.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || location.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="StacException">Not found, unreachable, too large or not JSON.</exception>
    public async Task<JsonNode> LoadAsync(string location, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = IsUrl(location) ? await OpenUrlAsync(location, cancellationToken) : OpenFile(location);
            return await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken)
                ?? throw new StacException("the document is JSON null");
        }
        catch (JsonException e)
        {
            throw new StacException($"not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new StacException("not found", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException)
        {
            throw new StacException(e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new StacException($"timed out after {http.Timeout}", e);
        }
    }

    /// <summary>The location <paramref name="href"/> points to, relative to the document at <paramref name="from"/>.</summary>
    public static string Resolve(string from, string href)
    {
        if (IsUrl(href)) return href;
        if (IsUrl(from)) return new Uri(new Uri(from), href).ToString();
        if (href.StartsWith("file://", StringComparison.OrdinalIgnoreCase)) return new Uri(href).LocalPath;
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from) ?? "", href));
    }

    private async Task<Stream> OpenUrlAsync(string url, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new StacException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        if (response.Content.Headers.ContentLength > MaxBytes)
        {
            response.Dispose();
            throw new StacException($"larger than {MaxBytes / (1024 * 1024)} MiB");
        }
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private static FileStream OpenFile(string path)
    {
        var file = new FileInfo(path);
        if (file.Exists && file.Length > MaxBytes)
            throw new StacException($"larger than {MaxBytes / (1024 * 1024)} MiB");
        return file.OpenRead();
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A STAC document that cannot be used; the reason becomes a skip.</summary>
public sealed class StacException(string message, Exception? inner = null) : Exception(message, inner);
