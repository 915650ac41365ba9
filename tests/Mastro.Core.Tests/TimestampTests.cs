using System.Text.Json;
using Mastro.Core.Json;
using Mastro.Core.Model;

namespace Mastro.Core.Tests;

public sealed class TimestampTests
{
    [Theory]
    [InlineData("2021-03-23T13:52:43.787Z", "2021-03-23T13:52:43.787Z")]
    [InlineData("2021-03-23T13:52:43.780000Z", "2021-03-23T13:52:43.78Z")]
    [InlineData("2021-03-23T15:52:43+02:00", "2021-03-23T13:52:43Z")]
    [InlineData("2020-11-29T17:24:01.747543Z", "2020-11-29T17:24:01.747543Z")]
    [InlineData("2020-11-29T17:24:01.7475439Z", "2020-11-29T17:24:01.747543Z")]
    public void Times_are_written_like_go_in_utc_to_the_microsecond(string input, string expected)
    {
        Assert.True(Timestamps.TryParse(input, out var value));
        Assert.Equal(expected, Timestamps.Format(value));
    }

    [Fact]
    public void The_zero_time_and_null_read_and_write_like_go()
    {
        var asset = JsonSerializer.Deserialize("""{"name":"a","published-on":null}""", MastroJsonContext.Default.Asset)!;
        Assert.Equal(DateTimeOffset.MinValue, asset.PublishedOn);
        Assert.Contains("\"published-on\":\"0001-01-01T00:00:00Z\"", JsonSerializer.Serialize(asset, MastroJsonContext.Default.Asset));
    }

    [Fact]
    public void Microseconds_round_trip_through_unix_micros()
    {
        Assert.True(Timestamps.TryParse("2020-11-29T17:24:01.747543Z", out var value));
        Assert.Equal(value, Timestamps.FromUnixMicroseconds(Timestamps.ToUnixMicroseconds(value)));
    }

    [Fact]
    public void The_originals_metric_set_test_case_keeps_a_64_bit_date()
    {
        // commons/abstract/metricset_test.go TestMetricSetParsing
        var set = JsonSerializer.Deserialize("""
            {"name":"test","inserted_at":"2020-11-29T17:24:01.747543Z","version":"dq_pipeline_test_env","description":"d",
             "labels":{"year":"2021","month":"09","day":"06"},
             "metrics":[{"resultKey":{"dataSetDate":1630876393300,"tags":{}},"analyzerContext":{"metricMap":[
               {"analyzer":{"analyzerName":"Size"},"metric":{"metricName":"DoubleMetric","entity":"Dataset","instance":"*","name":"Size","value":5.0}},
               {"analyzer":{"analyzerName":"Minimum","column":"numViews"},"metric":{"metricName":"DoubleMetric","entity":"Column","instance":"numViews","name":"Minimum","value":0.0}}]}}]}
            """, MastroJsonContext.Default.MetricSet)!;

        var metric = Assert.Single(set.Metrics);
        Assert.Equal(1630876393300L, metric.ResultKey!.DataSetDate);
        Assert.Equal(2, metric.AnalyzerContext!.MetricMap.Count);
        Assert.Empty(Validation.VersionedSetValidator.Problems(set));
    }
}
