using Mastro.Server.Observability;

namespace Mastro.Server.Tests.Observability;

public sealed class PrometheusNamesTests
{
    [Theory]
    [InlineData("http.server.request.duration", "s", "Histogram", "http_server_request_duration_seconds")]
    [InlineData("mastro.store.operation.duration", "s", "Histogram", "mastro_store_operation_duration_seconds")]
    [InlineData("http.server.active_requests", "{request}", "Gauge", "http_server_active_requests")]
    [InlineData("mastro.crawler.assets", "{asset}", "Counter", "mastro_crawler_assets_total")]
    [InlineData("mastro.store.transaction.collisions", "{transaction}", "Counter", "mastro_store_transaction_collisions_total")]
    [InlineData("mastro.requests.total", null, "Counter", "mastro_requests_total")]
    [InlineData("request.size", "By", "Histogram", "request_size_bytes")]
    [InlineData("cpu.utilization", "1", "Gauge", "cpu_utilization_ratio")]
    [InlineData("retries", "1", "Counter", "retries_total")]
    [InlineData("network.io", "By/s", "Gauge", "network_io_bytes_per_second")]
    [InlineData("queue.latency_seconds", "s", "Gauge", "queue_latency_seconds")]
    [InlineData("cpu.time", "s", "Counter", "cpu_time_seconds_total")]
    [InlineData("9lives", "", "Gauge", "_9lives")]
    [InlineData("(lambda).function..executions(#)", null, "Gauge", "lambda_function_executions")]
    [InlineData("ns:kept", null, "Gauge", "ns:kept")]
    public void Converts_instrument_name_and_unit(string instrument, string? unit, string type, string expected) =>
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, Enum.Parse<PrometheusType>(type)));

    [Theory]
    [InlineData("http.request.method", "http_request_method")]
    [InlineData("outcome", "outcome")]
    [InlineData("1st", "_1st")]
    [InlineData("a:b-c", "a_b_c")]
    public void Converts_tag_keys_to_label_names(string tagKey, string expected) =>
        Assert.Equal(expected, PrometheusNames.LabelName(tagKey));

    [Theory]
    [InlineData(0.005, "0.005")]
    [InlineData(10, "10")]
    [InlineData(1e21, "1E+21")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    public void Formats_values_as_prometheus_parses_them(double value, string expected) =>
        Assert.Equal(expected, PrometheusTextFormat.FormatValue(value));

    [Fact]
    public void Escapes_backslash_quote_and_newline_in_label_values() =>
        // Only these three are escaped; other control characters such as tab pass through.
        Assert.Equal("path=\"C:\\\\dir\\\"x\\\"\\nend\t\"", PrometheusTextFormat.Label("path", "C:\\dir\"x\"\nend\t"));
}
