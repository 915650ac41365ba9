using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Storage;

namespace Mastro.Core.Tests.Storage;

/// <summary>An asset sent as stored (<see cref="AssetRow.ToJsonUtf8"/>) is byte for byte what serializing it gives.</summary>
public sealed class AssetRowJsonTests
{
    private static readonly DateTimeOffset Discovered = new DateTimeOffset(2021, 3, 23, 13, 52, 43, TimeSpan.Zero).AddTicks(7_870_000);

    public static TheoryData<string> Assets => new()
    {
        """{"name": "orders", "type": "table"}""",
        """
        {"name": "warehouse/orders v2", "type": "dataset", "description": "Daily <orders> & 'returns' of the \"web\" shop\n",
         "published-on": "2015-08-06T17:52:48.765432Z", "depends-on": ["raw_orders", "customers"], "tags": ["sales", "daily"],
         "labels": {"owner": "data-team", "rows": 1200, "ratio": 1.5e3, "ok": true, "none": null,
                    "schema": {"order_id": {"Type": "bigint", "Comment": "key"}, "amount": {"Type": "decimal(10,2)"}}},
         "versions": {"1616507563": {"path": "s3://bucket/orders/v1", "size": 42, "parts": [1, 2, {"a": []}]}}}
        """,
        """{"name": "café/données", "type": "model", "description": "naïve 😀 \u0001 \u2028", "tags": ["été", "<b>"], "labels": {"clé": "valeur ✓", "esc": "a\\b\/c"}}""",
        """{"name": "nulls", "type": "table", "depends-on": null, "tags": null, "labels": null, "versions": null}""",
    };

    [Theory]
    [MemberData(nameof(Assets))]
    public void Stored_row_writes_the_bytes_the_serializer_writes_for_the_asset(string json)
    {
        var asset = (JsonSerializer.Deserialize(json, MastroJsonContext.Default.Asset)!.WithEmptyCollectionsForNulls()) with
        {
            LastDiscoveredAt = Discovered,
        };
        var row = AssetRow.From(asset);

        var expected = JsonSerializer.SerializeToUtf8Bytes(row.ToAsset(), MastroJsonContext.Default.Asset);

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(row.ToJsonUtf8()));
    }

    [Fact]
    public void Json_null_columns_are_written_as_empty_collections_as_when_decoded()
    {
        var row = new AssetRow("orders", "table", "", Discovered, Discovered, "null", "null", "null", "null");

        using var written = JsonDocument.Parse(row.ToJsonUtf8());

        Assert.Equal("[]", written.RootElement.GetProperty("depends-on").GetRawText());
        Assert.Equal("{}", written.RootElement.GetProperty("labels").GetRawText());
        Assert.Equal("[]", written.RootElement.GetProperty("tags").GetRawText());
        Assert.Equal("{}", written.RootElement.GetProperty("versions").GetRawText());
        Assert.Equal(
            Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(row.ToAsset(), MastroJsonContext.Default.Asset)),
            Encoding.UTF8.GetString(row.ToJsonUtf8()));
    }

    [Fact]
    public void Column_text_as_a_json_type_gives_it_back_is_copied_as_the_same_json_value()
    {
        // PostgreSQL's jsonb answers with its own spacing, key order and unescaped non-ASCII text.
        var row = new AssetRow("orders", "table", "", Discovered, Discovered,
            """["b", "a"]""", """{"x": 1, "é": {"n": [1, 2]}}""", """["t"]""", """{}""");

        var written = JsonNode.Parse(row.ToJsonUtf8());
        var decoded = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(row.ToAsset(), MastroJsonContext.Default.Asset));

        Assert.True(JsonNode.DeepEquals(decoded, written), $"{decoded?.ToJsonString()} vs {written?.ToJsonString()}");
    }
}
