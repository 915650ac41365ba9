using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Mastro.Web.Tests;

/// <summary>
/// What the browser tests look at, stored through the public HTTP API as clients would send it: assets with
/// schema and object labels, a depends-on chain, a 120+ node graph, odd names, JSON nulls, feature and metric sets.
/// </summary>
public static class SeedData
{
    public const string Orders = "sales.orders_2021";
    public const string RawOrders = "raw.orders";
    public const string LoadOrders = "etl.load_orders";
    public const string Revenue = "reports.revenue";
    public const string Stale = "hive.old_customers";
    public const string Nulls = "legacy.null_fields";
    public const string Unicode = "données_clients_東京 😀";
    public static readonly string LongName = "lake/" + string.Join("/", Enumerable.Range(0, 40).Select(i => $"segment{i:00}")) + "/part-00000.parquet";
    public const string Hub = "big.hub";
    public const int HubSources = 70;
    public const int HubOutputs = 60;
    /// <summary>Assets in a chain after the hub's first output, all within the graph's maximum depth (10) of the hub.</summary>
    public const int ChainLength = 8;
    public const string FinanceTag = "finance";
    /// <summary>Assets tagged <see cref="FinanceTag"/>: the ledger entries plus <see cref="Orders"/>.</summary>
    public const int LedgerEntries = 26;
    public const string FeatureSet = "customer_features";
    public const string MetricSet = "orders_quality";
    public static readonly long[] MetricDates = [1_700_000_000_000, 1_700_086_400_000, 1_700_172_800_000];

    public static async Task StoreAsync(HttpClient http)
    {
        await PutAsync(http, "/assets/", Assets().ToJsonString());
        await PutAsync(http, "/assets/", BigGraph().ToJsonString());
        foreach (var version in new[] { "v1", "v2" })
            await PutAsync(http, "/featureset/", FeatureSetVersion(version).ToJsonString());
        for (var i = 0; i < MetricDates.Length; i++)
            await PutAsync(http, "/metricstore/", MetricSetVersion(i).ToJsonString());
    }

    private static async Task PutAsync(HttpClient http, string path, string json)
    {
        using var response = await http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static JsonArray Assets()
    {
        var assets = new JsonArray
        {
            Asset(RawOrders, "dataset", "Orders as exported from the shop, one CSV per day.", tags: ["raw"]),
            Asset(LoadOrders, "pipeline", "Cleans and loads the daily orders.", dependsOn: [RawOrders]),
            new JsonObject
            {
                ["name"] = Orders,
                ["type"] = "table",
                ["description"] = "All orders of 2021, one row per order line.",
                ["depends-on"] = new JsonArray(LoadOrders),
                ["tags"] = new JsonArray(FinanceTag, "pii"),
                ["labels"] = new JsonObject
                {
                    // The Hive crawler's shape (reference §6.1): column → {Type, Comment}.
                    ["schema"] = new JsonObject
                    {
                        ["order_id"] = new JsonObject { ["Type"] = "bigint", ["Comment"] = "primary key" },
                        ["customer_email"] = new JsonObject { ["Type"] = "string", ["Comment"] = "personal data" },
                        ["amount"] = new JsonObject { ["Type"] = "decimal(10,2)", ["Comment"] = "" },
                    },
                    ["owner"] = "finance-team",
                    ["rows"] = 125000,
                    ["quality"] = new JsonObject { ["score"] = 0.97, ["checked-by"] = "deequ" },
                    ["contacts"] = new JsonArray(
                        new JsonObject { ["name"] = "Ada", ["role"] = "steward" },
                        new JsonObject { ["name"] = "Linus", ["role"] = "engineer" }),
                    ["regions"] = new JsonArray("eu", "us"),
                },
                ["versions"] = new JsonObject
                {
                    ["1700000000"] = new JsonObject { ["orders.csv"] = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" },
                },
            },
            Asset(Revenue, "report", "Monthly revenue, from the orders table.", dependsOn: [Orders]),
            new JsonObject
            {
                ["name"] = Stale,
                ["type"] = "table",
                ["description"] = "A table the Hive crawler no longer finds.",
                ["labels"] = new JsonObject
                {
                    ["crawler"] = "hive",
                    ["stale"] = new JsonObject { ["last-seen-at"] = "2024-03-01T12:30:00Z", ["crawler"] = "hive" },
                },
            },
            // JSON nulls where lists and maps are expected: accepted by the API, and the original UI crashed on them.
            JsonNode.Parse($$"""{"name": "{{Nulls}}", "type": "dataset", "description": null, "tags": null, "depends-on": null, "labels": null, "versions": null}""")!,
            Asset(Unicode, "table", "Clients de l'agence de Tōkyō — 東京の顧客データ.", tags: ["国際"]),
            Asset(LongName, "dataset", "A file deep in the lake, with a very long name.", dependsOn: [RawOrders]),
        };
        for (var i = 0; i < LedgerEntries; i++)
            assets.Add(Asset($"ledger.entry_{i:00}", i % 2 == 0 ? "dataset" : "table", $"Ledger entries, batch {i}.", tags: [FinanceTag]));
        return assets;
    }

    /// <summary><see cref="HubSources"/> inputs → hub → <see cref="HubOutputs"/> outputs, the first output followed by a chain of <see cref="ChainLength"/>.</summary>
    private static JsonArray BigGraph()
    {
        var sources = Enumerable.Range(0, HubSources).Select(i => $"big.source_{i:000}").ToArray();
        var assets = new JsonArray();
        foreach (var source in sources) assets.Add(Asset(source, "dataset", "An input of the hub."));
        assets.Add(Asset(Hub, "pipeline", "Joins every source.", dependsOn: sources));
        for (var i = 0; i < HubOutputs; i++) assets.Add(Asset($"big.output_{i:000}", "table", "An output of the hub.", dependsOn: [Hub]));
        for (var i = 0; i < ChainLength; i++) assets.Add(Asset($"big.chain_{i}", "table", "Downstream of the first output.", dependsOn: [i == 0 ? "big.output_000" : $"big.chain_{i - 1}"]));
        return assets;
    }

    private static JsonObject Asset(string name, string type, string description, string[]? dependsOn = null, string[]? tags = null) => new()
    {
        ["name"] = name,
        ["type"] = type,
        ["description"] = description,
        ["depends-on"] = new JsonArray((dependsOn ?? []).Select(d => (JsonNode)d).ToArray()),
        ["tags"] = new JsonArray((tags ?? []).Select(t => (JsonNode)t).ToArray()),
        ["labels"] = new JsonObject(),
    };

    private static JsonObject FeatureSetVersion(string version) => new()
    {
        ["name"] = FeatureSet,
        ["version"] = version,
        ["description"] = $"Customer features, {version}.",
        ["labels"] = new JsonObject { ["team"] = "growth", ["source"] = Orders },
        ["features"] = new JsonArray(
            new JsonObject { ["name"] = "orders_last_30d", ["value"] = version == "v1" ? 3 : 4, ["data_type"] = "int" },
            new JsonObject { ["name"] = "avg_basket", ["value"] = 42.5, ["data_type"] = "float" },
            new JsonObject { ["name"] = "segment", ["value"] = "loyal", ["data_type"] = "string" },
            new JsonObject { ["name"] = "address", ["value"] = new JsonObject { ["city"] = "Zürich", ["zip"] = "8001" }, ["data_type"] = "struct" }),
    };

    /// <summary>One Deequ result per version, on consecutive days: Completeness of two columns and the dataset Size.</summary>
    private static JsonObject MetricSetVersion(int index) => new()
    {
        ["name"] = MetricSet,
        ["version"] = $"run-{index + 1}",
        ["description"] = "Data quality of the orders table.",
        ["labels"] = new JsonObject { ["table"] = Orders },
        ["metrics"] = new JsonArray(new JsonObject
        {
            ["resultKey"] = new JsonObject { ["dataSetDate"] = MetricDates[index], ["tags"] = new JsonObject() },
            ["analyzerContext"] = new JsonObject
            {
                ["metricMap"] = new JsonArray(
                    Metric("Completeness", "order_id", "Column", 1.0),
                    Metric("Completeness", "customer_email", "Column", 0.9 + index * 0.03),
                    Metric("Size", "*", "Dataset", 1000 + index * 250)),
            },
        }),
    };

    private static JsonObject Metric(string name, string instance, string entity, double value) => new()
    {
        ["analyzer"] = entity == "Column" ? new JsonObject { ["analyzerName"] = name, ["column"] = instance } : new JsonObject { ["analyzerName"] = name },
        ["metric"] = new JsonObject { ["metricName"] = "DoubleMetric", ["entity"] = entity, ["instance"] = instance, ["name"] = name, ["value"] = value },
    };
}
