using System.Net;
using System.Text.Json.Nodes;

namespace Mastro.Server.Tests.Api;

/// <summary>The metric store routes (reference §4) with the Deequ metric shape (§6.3).</summary>
public abstract class MetricStoreApiTests(MastroApiFactory factory) : ApiTestBase(factory)
{
    /// <summary>The original's metricset_test.go input.</summary>
    private static JsonObject DeequExample(string name) => JsonNode.Parse($$$"""
        {
          "name": "{{{name}}}",
          "inserted_at": "2020-11-29T17:24:01.747543Z",
          "version": "dq_pipeline_test_env",
          "description": "test metric set",
          "labels": {"year": "2021", "month": "09", "day": "06"},
          "metrics": [{
            "resultKey": {"dataSetDate": 1630876393300, "tags": {}},
            "analyzerContext": {"metricMap": [
              {"analyzer": {"analyzerName": "Size"},
               "metric": {"metricName": "DoubleMetric", "entity": "Dataset", "instance": "*", "name": "Size", "value": 5.0}},
              {"analyzer": {"analyzerName": "Minimum", "column": "numViews"},
               "metric": {"metricName": "DoubleMetric", "entity": "Column", "instance": "numViews", "name": "Minimum", "value": 0.0}}
            ]}
          }]
        }
        """)!.AsObject();

    [Fact]
    public async Task Deequ_metric_sets_round_trip_with_64_bit_dates_and_zero_values()
    {
        var name = Unique("dq");

        var put = await Api.PutAsync("/metricstore/", DeequExample(name));

        Assert.Equal(HttpStatusCode.Created, put.Status);
        Assert.NotEqual("2020-11-29T17:24:01.747543Z", (string)put.Json["inserted_at"]!);
        Assert.StartsWith("/metricstore/id/", put.Headers.Location?.ToString());
        var stored = (await Api.GetAsync(put.Headers.Location!.ToString())).Json;
        var metric = stored["metrics"]![0]!;
        Assert.Equal("1630876393300", metric["resultKey"]!["dataSetDate"]!.ToJsonString());
        Assert.Equal("{}", metric["resultKey"]!["tags"]!.ToJsonString());
        var minimum = metric["analyzerContext"]!["metricMap"]![1]!;
        Assert.Equal("numViews", (string)minimum["analyzer"]!["column"]!);
        Assert.Equal(0.0, (double)minimum["metric"]!["value"]!);
        Assert.Equal(5.0, (double)metric["analyzerContext"]!["metricMap"]![0]!["metric"]!["value"]!);
        Assert.True(JsonNode.DeepEquals(put.Json, stored));
    }

    [Fact]
    public async Task Metric_sets_are_found_by_name_labels_and_text()
    {
        var name = Unique("dqfind");
        var set = DeequExample(name);
        set["labels"]!["dataset"] = name;
        await Api.PutAsync("/metricstore/", set);

        var byName = await Api.GetAsync($"/metricstore/name/{name}?limit=10&page=1");
        var byLabels = await Api.GetAsync($"/metricstore/labels?dataset={name}");
        var byBody = await Api.PostAsync("/metricstore/labels", new JsonObject { ["labels"] = new JsonObject { ["dataset"] = name } });
        var byText = await Api.PostAsync("/metricstore/search", new JsonObject { ["query"] = name });

        Assert.All(new[] { byName, byLabels, byBody, byText }, r => Assert.Equal([name], Names(r.Json)));
    }

    [Theory]
    [InlineData("""{"resultKey":{"dataSetDate":1,"tags":{}}}""", "Incorrect metric definition at position 0: analyzerContext is missing")]
    [InlineData("""{"analyzerContext":{"metricMap":[]}}""", "Incorrect metric definition at position 0: resultKey is missing")]
    [InlineData("""{"resultKey":{"dataSetDate":1.5},"analyzerContext":{"metricMap":[]}}""", "dataSetDate: expected a whole number")]
    [InlineData("""{"resultKey":{"dataSetDate":"x"},"analyzerContext":{"metricMap":[]}}""", "dataSetDate: expected a whole number")]
    public async Task Incomplete_metrics_are_bad_requests_not_crashes(string metric, string expected)
    {
        var put = await Api.PutAsync("/metricstore/", $$"""{"name":"m","version":"v","metrics":[{{metric}}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Contains(expected, put.ErrorMessage);
    }
}

public sealed class SqliteMetricStoreApiTests(SqliteApiFactory factory) : MetricStoreApiTests(factory), IClassFixture<SqliteApiFactory>;

public sealed class PostgresMetricStoreApiTests(PostgresApiFactory factory) : MetricStoreApiTests(factory), IClassFixture<PostgresApiFactory>;
