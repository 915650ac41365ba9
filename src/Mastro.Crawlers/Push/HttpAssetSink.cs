using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Crawlers.Config;
using Microsoft.Extensions.Logging;

namespace Mastro.Crawlers.Push;

/// <summary>
/// The catalogue over HTTP: each batch is one <c>PUT …/assets/</c> with a JSON array. 2xx is success; 408, 429, 5xx,
/// timeouts and refused connections are retried with backoff; any other status is a permanent failure whose
/// reason is the error body's <c>message</c>.
/// </summary>
public sealed class HttpAssetSink : AssetSinkBase
{
    public const int QueryPageSize = 1000;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _client;
    private readonly Uri _endpoint;
    private readonly Uri _ifUnchangedEndpoint;
    private readonly Uri _labelsQuery;
    private readonly Polly.ResiliencePipeline _queries;

    public HttpAssetSink(Uri assetsEndpoint, RetryPolicy policy, ILogger logger, string? token = null)
        : base(policy, logger, $"catalogue {assetsEndpoint}")
    {
        _endpoint = assetsEndpoint;
        _ifUnchangedEndpoint = new UriBuilder(assetsEndpoint) { Query = "if-unchanged=true" }.Uri;
        _labelsQuery = new Uri(CatalogueEndpoints.Base(assetsEndpoint), "assets/labels");
        _queries = policy.Build(logger, $"catalogue {_labelsQuery}");
        _client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = policy.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // Per-attempt timeouts come from the retry policy, which can tell them apart from cancellation.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("mastro-crawler");
        if (token is not null)
            _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A plain upsert stores the whole batch or fails; a conditional one answers with the assets it stored.</summary>
    protected override async Task<IReadOnlySet<string>> UpsertAsync(IReadOnlyList<Asset> assets, bool ifUnchanged, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(assets.ToList(), MastroJsonContext.Default.ListAsset);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await SendAsync(() => _client.PutAsync(ifUnchanged ? _ifUnchangedEndpoint : _endpoint, content, cancellationToken));
        await EnsureSuccessAsync(response, cancellationToken);
        if (!ifUnchanged) return Names(assets);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        try
        {
            return Names(await JsonSerializer.DeserializeAsync(stream, MastroJsonContext.Default.ListAsset, cancellationToken) ?? []);
        }
        catch (JsonException e)
        {
            throw new PermanentSendException($"the catalogue's answer to PUT {_ifUnchangedEndpoint.PathAndQuery} is not a JSON array of assets: {e.Message}");
        }
    }

    public override async IAsyncEnumerable<Asset> FindByCrawlerAsync(string crawlerName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string> { [CrawlerLabels.Crawler] = crawlerName };
        for (long page = 1; page > 0;)
        {
            var query = new LabelsQuery(labels, QueryPageSize, page);
            var result = await _queries.ExecuteAsync(async token => await QueryAsync(query, token), cancellationToken);
            foreach (var asset in result?.Data ?? []) yield return asset;
            page = result?.Pagination.Next ?? 0;
        }
    }

    private async Task<Page<Asset>?> QueryAsync(LabelsQuery query, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(query, MastroJsonContext.Default.LabelsQuery);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        using var response = await SendAsync(() => _client.PostAsync(_labelsQuery, content, cancellationToken));
        // The original catalogue has no such route; this one answers "no match" with 200 and an empty page.
        if (response.StatusCode == HttpStatusCode.NotFound)
            throw new PermanentSendException($"the catalogue has no POST {_labelsQuery.AbsolutePath} (a catalogue older than this crawler?)");
        await EnsureSuccessAsync(response, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(stream, MastroJsonContext.Default.PageAsset, cancellationToken);
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw new TransientSendException(e.Message, e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        var message = $"HTTP {status}: {await ErrorMessageAsync(response, cancellationToken)}";
        if (status is 408 or 429 or >= 500) throw new TransientSendException(message);
        throw new PermanentSendException(message);
    }

    /// <summary>The error body's <c>message</c> (Mastro's error shape), else the start of the body.</summary>
    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                return message.GetString()!;
        }
        catch (JsonException)
        {
            // Not Mastro's error shape (a proxy's HTML page, plain text): fall through to the raw text.
        }
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? response.ReasonPhrase ?? "no body" : text.Length > 300 ? text[..300] + "…" : text;
    }

    public override ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}
