using System.Collections.Concurrent;
using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Tests.Support;

/// <summary>
/// The crawler's HTTP peer for tests: a tiny real Kestrel server speaking the catalogue's wire format
/// (<c>PUT /assets/</c>, <c>POST /assets/labels</c>), with hooks to fail or stall requests. It is the other end of
/// the wire, not the code under test; end-to-end tests against the real Mastro server live with the server.
/// </summary>
public sealed class CataloguePeer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Asset> _assets = new();
    private readonly List<string> _order = [];
    private int _puts;

    /// <summary>Called before each PUT with the 1-based attempt number and the batch; a non-null status is answered instead of storing.</summary>
    public Func<int, IReadOnlyList<Asset>, (int Status, string Body)?> PutFault { get; set; } = (_, _) => null;

    /// <summary>Delay before answering a PUT (timeouts).</summary>
    public Func<int, TimeSpan> PutDelay { get; set; } = _ => TimeSpan.Zero;

    /// <summary>False: answer <c>POST /assets/labels</c> with 404, like a catalogue without that route.</summary>
    public bool ServesLabelQueries { get; set; } = true;

    public int PutCount => _puts;
    public List<IReadOnlyList<Asset>> StoredBatches { get; } = [];
    public Uri AssetsEndpoint { get; private set; } = null!;
    public DateTimeOffset Now { get; set; } = DateTimeOffset.Parse("2026-01-02T03:04:05Z");

    private CataloguePeer(WebApplication app) => _app = app;

    public static async Task<CataloguePeer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var peer = new CataloguePeer(builder.Build());
        peer._app.MapPut("/assets/", (Delegate)peer.PutAsync);
        peer._app.MapPost("/assets/labels", (Delegate)peer.FindByLabelsAsync);
        await peer._app.StartAsync();
        peer.AssetsEndpoint = new Uri(peer._app.Urls.First().TrimEnd('/') + "/assets/");
        return peer;
    }

    public IReadOnlyList<Asset> Assets { get { lock (_order) return _order.Select(n => _assets[n]).ToList(); } }

    public Asset? Find(string name) => _assets.GetValueOrDefault(name);

    /// <summary>Stores assets as a previous crawl would have left them.</summary>
    public void Seed(params Asset[] assets) => Store(assets);

    private async Task<IResult> PutAsync(HttpContext context)
    {
        var attempt = Interlocked.Increment(ref _puts);
        var batch = await JsonSerializer.DeserializeAsync(context.Request.Body, MastroJsonContext.Default.ListAsset) ?? [];
        await Task.Delay(PutDelay(attempt));
        if (PutFault(attempt, batch) is { } fault)
            return Results.Content(fault.Body, "application/json", statusCode: fault.Status);
        var stored = Store(batch);
        lock (StoredBatches) StoredBatches.Add(stored);
        return Results.Json(stored, MastroJsonContext.Default.ListAsset, statusCode: 201);
    }

    private IReadOnlyList<Asset> Store(IEnumerable<Asset> assets)
    {
        var stored = assets.Select(a => a with { LastDiscoveredAt = Now }).ToList();
        lock (_order)
        {
            foreach (var asset in stored)
            {
                if (_assets.TryAdd(asset.Name, asset)) _order.Add(asset.Name);
                else _assets[asset.Name] = asset;
            }
        }
        return stored;
    }

    private async Task<IResult> FindByLabelsAsync(HttpContext context)
    {
        if (!ServesLabelQueries) return Results.NotFound();
        var query = await JsonSerializer.DeserializeAsync(context.Request.Body, MastroJsonContext.Default.LabelsQuery);
        var labels = query?.Labels ?? new Dictionary<string, string>();
        var matching = Assets.Where(a => labels.All(l =>
            a.Labels.TryGetValue(l.Key, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == l.Value)).ToList();
        var page = PageRequest.Of(query?.Page ?? 1, query?.Limit ?? 10);
        var data = matching.Skip((int)page.Skip).Take(page.Limit).ToList();
        return Results.Json(page.ToPage(data, matching.Count), MastroJsonContext.Default.PageAsset);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
