using Mastro.Server.Http;
using Microsoft.AspNetCore.Authorization;

namespace Mastro.Server.Endpoints;

/// <summary>
/// The web UI (docs/UI.md): <c>index.html</c> at <c>/</c> and for every client route under <c>/ui/</c>, and the
/// hashed build files under <c>/ui/assets/</c>. Nothing else falls back to the UI, so API routes — and unknown
/// API-looking paths with their JSON 404 — are untouched.
/// </summary>
internal static class WebUiEndpoints
{
    private const string IndexFile = "index.html";
    private const string AssetsPrefix = "ui/assets/";
    // index.html names the current hashed files, so it is revalidated on every load; hashed files never change.
    private const string RevalidateAlways = "no-cache";
    private const string CacheForever = "public, max-age=31536000, immutable";
    private static readonly string[] ReadMethods = [HttpMethods.Get, HttpMethods.Head];

    public static void MapWebUi(this IEndpointRouteBuilder routes)
    {
        var files = StaticFiles.FromAssembly(typeof(WebUiEndpoints).Assembly);
        // Open: a browser loads the page before it has a token; the API calls the page makes carry one.
        var group = routes.MapGroup("").ExcludeFromDescription().AllowAnonymous();
        group.MapMethods("/", ReadMethods, (HttpContext context) => Index(context, files));
        group.MapMethods("/ui/{**path}", ReadMethods, (HttpContext context, string? path) =>
        {
            var full = $"ui/{path}";
            if (!full.StartsWith(AssetsPrefix, StringComparison.Ordinal))
                return Index(context, files);
            var file = files.Find(full) ?? throw ApiException.NotFound($"no web UI file {context.Request.Path}");
            return StaticFiles.Serve(context, file, CacheForever);
        });
    }

    private static IResult Index(HttpContext context, StaticFiles files)
    {
        var index = files.Find(IndexFile)
            ?? throw ApiException.NotFound("the web UI is not part of this build (web/ was not built)");
        return StaticFiles.Serve(context, index, RevalidateAlways);
    }
}
