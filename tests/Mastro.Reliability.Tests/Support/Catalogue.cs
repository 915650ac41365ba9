using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mastro.Reliability.Tests.Support;

/// <summary>Building assets and reading the whole catalogue back through the HTTP API.</summary>
public static class Catalogue
{
    public static JsonObject Asset(string name, JsonObject? labels = null, params string[] tags) => new()
    {
        ["name"] = name,
        ["type"] = "dataset",
        ["description"] = $"reliability test asset {name}",
        ["labels"] = labels ?? new JsonObject(),
        ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t!).ToArray()),
    };

    /// <summary>Every asset in the catalogue, page by page (1000 per page, the largest page).</summary>
    public static async Task<List<JsonObject>> ListAllAssetsAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var assets = new List<JsonObject>();
        for (var page = 1L; page > 0;)
        {
            var body = await http.GetFromJsonAsync<JsonObject>($"/assets/?limit=1000&page={page}", cancellationToken)
                ?? throw new InvalidOperationException("empty listing");
            assets.AddRange(body["data"]!.AsArray().Select(a => a!.AsObject()));
            page = (long)body["pagination"]!["next"]!;
        }
        return assets;
    }

    public static string Label(JsonObject asset, string key) => (string?)asset["labels"]?[key] ?? "";
}
