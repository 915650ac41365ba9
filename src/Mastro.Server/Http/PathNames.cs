namespace Mastro.Server.Http;

/// <summary>
/// Reads a name that fills the rest of the path (<c>/asset/name/{**name}</c>). Names may contain slashes
/// (<c>s3://bucket/key</c> from OpenLineage), sent raw or as <c>%2F</c>; the raw request target is decoded
/// exactly once so both forms find the same asset.
/// </summary>
internal static class PathNames
{
    public static string Tail(HttpContext context, string prefix)
    {
        var raw = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget;
        if (!string.IsNullOrEmpty(raw))
        {
            var path = raw.Split('?', 2)[0];
            var start = path.IndexOf(prefix, StringComparison.Ordinal);
            if (start >= 0)
                return Uri.UnescapeDataString(path[(start + prefix.Length)..]);
        }
        // Hosts without a raw target (the in-process test server) give the decoded path, in which only %2F stays encoded.
        var decoded = context.Request.Path.Value ?? "";
        var at = decoded.IndexOf(prefix, StringComparison.Ordinal);
        return at >= 0 ? decoded[(at + prefix.Length)..].Replace("%2F", "/", StringComparison.OrdinalIgnoreCase) : "";
    }
}
