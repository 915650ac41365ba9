using Mastro.Core.Config;

namespace Mastro.Crawlers.Config;

/// <summary>
/// The catalogue's bulk-upsert URL. The seed's examples write <c>…/assets</c>, the route is <c>…/assets/</c>;
/// both become <c>…/assets/</c> so no redirect is involved. A bare server URL gets <c>assets/</c> appended.
/// </summary>
public static class CatalogueEndpoints
{
    public static Uri Normalise(string text, string key)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ConfigException($"{key}: '{text}' is not an http(s) URL (e.g. http://mastro-catalogue:8085/assets/)");
        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.Length == 0)
            path = "/assets";
        else if (!path.EndsWith("/assets", StringComparison.Ordinal))
            throw new ConfigException($"{key}: '{text}' must end in /assets/ (the catalogue's bulk route, e.g. http://mastro-catalogue:8085/assets/)");
        return new UriBuilder(uri) { Path = path + "/", Query = "" }.Uri;
    }

    /// <summary>The catalogue's base URL (what <c>/assets/</c> hangs off), for queries such as <c>assets/labels</c>.</summary>
    public static Uri Base(Uri assetsEndpoint) => new(assetsEndpoint, "../");
}
