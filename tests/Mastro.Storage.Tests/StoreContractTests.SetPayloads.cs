using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;
using Mastro.Core.Storage;
using static Mastro.Storage.Tests.TestData;

namespace Mastro.Storage.Tests;

/// <summary>Feature values and Deequ metrics come back exactly as they were stored.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task Feature_values_of_every_json_kind_round_trip()
    {
        const string features = """
            [
              {"name": "integer", "value": 42, "data_type": "int"},
              {"name": "negative", "value": -7, "data_type": "int"},
              {"name": "beyond double precision", "value": 9007199254740993, "data_type": "long"},
              {"name": "epoch millis", "value": 1630876393300, "data_type": "long"},
              {"name": "fraction", "value": 0.125, "data_type": "float"},
              {"name": "exponent", "value": 1.5e-7, "data_type": "float"},
              {"name": "zero", "value": 0, "data_type": "int"},
              {"name": "text", "value": "Größe 数据 😀 \"quoted\" \\ \n", "data_type": "string"},
              {"name": "empty text", "value": "", "data_type": "string"},
              {"name": "true", "value": true, "data_type": "bool"},
              {"name": "false", "value": false, "data_type": "bool"},
              {"name": "null", "value": null, "data_type": "none"},
              {"name": "object", "value": {"columns": ["a", "b"], "data": [[1, 2.5], [null, {"x": true}]]}, "data_type": "pandas_dataframe"},
              {"name": "empty object", "value": {}, "data_type": "map"},
              {"name": "array", "value": [1, "two", false, null, [], {}], "data_type": "list"},
              {"name": "empty array", "value": [], "data_type": "list"}
            ]
            """;
        var set = new FeatureSet
        {
            Name = "every_kind", Version = "v1", InsertedAt = SomeTime,
            Features = JsonSerializer.Deserialize(features, MastroJsonContext.Default.IReadOnlyListFeature)!,
        };

        var id = await Store.FeatureSets.InsertAsync(set, NoCancellation);
        var stored = await Store.FeatureSets.FindByIdAsync(id, NoCancellation);

        Assert.NotNull(stored);
        Assert.Equal(set.Features.Select(f => (f.Name, f.DataType)), stored.Features.Select(f => (f.Name, f.DataType)));
        for (var i = 0; i < set.Features.Count; i++)
            TestDataAssert.SameJson(set.Features[i].Value, stored.Features[i].Value, set.Features[i].Name);
        Assert.Equal(9007199254740993L, stored.Features.Single(f => f.Name == "beyond double precision").Value.GetInt64());
    }

    [Fact]
    public async Task Deequ_metrics_round_trip_with_zero_values_empty_tags_and_absent_columns()
    {
        // The original's TestMetricSetParsing document, plus analyzer-specific keys and a histogram value.
        const string metricSet = """
            {
              "name": "test", "inserted_at": "2020-11-29T17:24:01.747543Z", "version": "dq_pipeline_test_env",
              "description": "a metric set", "labels": {"year": "2021", "month": "09", "day": "06"},
              "metrics": [
                {"resultKey": {"dataSetDate": 1630876393300, "tags": {}},
                 "analyzerContext": {"metricMap": [
                   {"analyzer": {"analyzerName": "Size"},
                    "metric": {"metricName": "DoubleMetric", "entity": "Dataset", "instance": "*", "name": "Size", "value": 5.0}},
                   {"analyzer": {"analyzerName": "Minimum", "column": "numViews"},
                    "metric": {"metricName": "DoubleMetric", "entity": "Column", "instance": "numViews", "name": "Minimum", "value": 0.0}},
                   {"analyzer": {"analyzerName": "Compliance", "instance": "positive", "predicate": "numViews > 0", "where": null},
                    "metric": {"metricName": "DoubleMetric", "entity": "Column", "instance": "positive", "name": "Compliance", "value": 0}},
                   {"analyzer": {"analyzerName": "Histogram", "column": "category", "maxDetailBins": 1000},
                    "metric": {"metricName": "HistogramMetric", "entity": "Column", "instance": "category", "name": "Histogram",
                               "value": {"numberOfBins": 2, "values": {"a": {"absolute": 3, "ratio": 0.75}, "b": {"absolute": 1, "ratio": 0.25}}}}}
                 ]}},
                {"resultKey": {"dataSetDate": 0, "tags": {"region": "eu"}},
                 "analyzerContext": {"metricMap": []}}
              ]
            }
            """;
        var set = JsonSerializer.Deserialize(metricSet, MastroJsonContext.Default.MetricSet)!;

        var id = await Store.MetricSets.InsertAsync(set, NoCancellation);
        var stored = await Store.MetricSets.FindByIdAsync(id, NoCancellation);

        Assert.NotNull(stored);
        var header = new VersionedSetHeader(set.Name, set.Version, set.Description, set.Labels, set.InsertedAt);
        TestDataAssert.SameHeader(header, stored);
        TestDataAssert.SameJson(
            JsonSerializer.SerializeToElement(set.Metrics, MastroJsonContext.Default.IReadOnlyListDeequMetric),
            JsonSerializer.SerializeToElement(stored.Metrics, MastroJsonContext.Default.IReadOnlyListDeequMetric),
            "metrics");
        var first = stored.Metrics[0];
        Assert.Equal(1630876393300L, first.ResultKey!.DataSetDate);
        Assert.NotNull(first.ResultKey.Tags);
        Assert.Empty(first.ResultKey.Tags);
        Assert.Null(first.AnalyzerContext!.MetricMap[0].Analyzer!.Column);
        Assert.Equal("numViews", first.AnalyzerContext.MetricMap[1].Analyzer!.Column);
        Assert.Equal(0.0, first.AnalyzerContext.MetricMap[1].Metric!.Value.GetDouble());
        Assert.Equal(0L, stored.Metrics[1].ResultKey!.DataSetDate);
        Assert.Empty(stored.Metrics[1].AnalyzerContext!.MetricMap);
    }
}
