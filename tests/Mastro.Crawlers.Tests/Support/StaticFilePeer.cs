using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Tests.Support;

/// <summary>A real HTTP server for a directory's files, standing in for a remote STAC catalog.</summary>
public sealed class StaticFilePeer : IAsyncDisposable
{
    private readonly WebApplication _app;

    public Uri BaseAddress { get; }

    private StaticFilePeer(WebApplication app, Uri baseAddress) => (_app, BaseAddress) = (app, baseAddress);

    public static async Task<StaticFilePeer> StartAsync(string directory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/{**path}", (string path) =>
        {
            var file = Path.GetFullPath(Path.Combine(directory, path));
            return file.StartsWith(Path.GetFullPath(directory), StringComparison.Ordinal) && File.Exists(file)
                ? Results.File(file, "application/json")
                : Results.NotFound();
        });
        await app.StartAsync();
        return new StaticFilePeer(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
