using System.Diagnostics.Metrics;
using Mastro.Server.Observability;
using Microsoft.Extensions.DependencyInjection;

namespace Mastro.Server.Tests.Observability;

public sealed class PrometheusMetricsTests : IDisposable
{
    private readonly string _meterName = MetricsScrape.UniqueMeterName();
    private readonly Meter _meter;
    private readonly PrometheusMetrics _metrics;

    public PrometheusMetricsTests()
    {
        _meter = new Meter(_meterName);
        _metrics = new PrometheusMetrics([_meterName]);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public async Task Counter_sums_per_tag_set_whatever_the_tag_order()
    {
        var counter = _meter.CreateCounter<long>("mastro.test.requests", unit: "{request}", description: "Requests seen.");
        counter.Add(2, new("method", "GET"), new("status", 200));
        counter.Add(3, new("status", 200), new("method", "GET"));
        counter.Add(5, new("method", "PUT"), new("status", 201));

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal("counter", exposition.Types["mastro_test_requests_total"]);
        Assert.Equal("Requests seen.", exposition.Help["mastro_test_requests_total"]);
        Assert.Equal(5, exposition.Value("mastro_test_requests_total", ("method", "GET"), ("status", "200")));
        Assert.Equal(5, exposition.Value("mastro_test_requests_total", ("method", "PUT"), ("status", "201")));
        Assert.Equal(2, exposition.SamplesOf("mastro_test_requests_total").Count());
    }

    [Fact]
    public async Task Counter_without_tags_is_written_without_braces()
    {
        _meter.CreateCounter<double>("mastro.test.plain").Add(1.5);

        var text = await MetricsScrape.TextAsync(_metrics);

        Assert.Contains("\nmastro_test_plain_total 1.5\n", text);
    }

    [Fact]
    public async Task Histogram_counts_buckets_cumulatively_with_exact_sum_and_count()
    {
        var histogram = _meter.CreateHistogram<double>("mastro.test.duration", unit: "s");
        var tag = new KeyValuePair<string, object?>("operation", "get");
        // 0.005 sits exactly on a bound: Prometheus buckets include their upper bound.
        foreach (var seconds in new[] { 0.001, 0.005, 0.02, 0.3, 0.3, 4, 60 }) histogram.Record(seconds, tag);

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        const string name = "mastro_test_duration_seconds";
        Assert.Equal("histogram", exposition.Types[name]);
        var expectedCumulative = new (string Le, double Count)[]
        {
            ("0.005", 2), ("0.01", 2), ("0.025", 3), ("0.05", 3), ("0.1", 3), ("0.25", 3),
            ("0.5", 5), ("1", 5), ("2.5", 5), ("5", 6), ("10", 6), ("+Inf", 7),
        };
        var buckets = exposition.Samples.Where(sample => sample.Name == name + "_bucket").ToList();
        Assert.Equal(expectedCumulative.Select(bucket => bucket.Le), buckets.Select(sample => sample.Labels["le"]));
        foreach (var (le, count) in expectedCumulative)
        {
            Assert.Equal(count, exposition.Value(name + "_bucket", ("operation", "get"), ("le", le)));
        }

        Assert.Equal(0.001 + 0.005 + 0.02 + 0.3 + 0.3 + 4 + 60, exposition.Value(name + "_sum", ("operation", "get")), 12);
        Assert.Equal(7, exposition.Value(name + "_count", ("operation", "get")));
    }

    [Fact]
    public async Task Histogram_uses_bucket_boundaries_advised_by_the_instrument()
    {
        var histogram = _meter.CreateHistogram<int>("mastro.test.batch", unit: "{item}", description: null,
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [10, 100] });
        histogram.Record(7);
        histogram.Record(100);
        histogram.Record(1000);

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal(["10", "100", "+Inf"], exposition.Samples.Where(sample => sample.Name == "mastro_test_batch_bucket").Select(sample => sample.Labels["le"]));
        Assert.Equal(1, exposition.Value("mastro_test_batch_bucket", ("le", "10")));
        Assert.Equal(2, exposition.Value("mastro_test_batch_bucket", ("le", "100")));
        Assert.Equal(3, exposition.Value("mastro_test_batch_bucket", ("le", "+Inf")));
        Assert.Equal(1107, exposition.Value("mastro_test_batch_sum"));
    }

    [Fact]
    public async Task Up_down_counter_is_a_gauge_holding_the_running_sum()
    {
        var active = _meter.CreateUpDownCounter<int>("mastro.test.active", unit: "{request}");
        active.Add(1);
        active.Add(1);
        active.Add(-1);
        active.Add(1);

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal("gauge", exposition.Types["mastro_test_active"]);
        Assert.Equal(2, exposition.Value("mastro_test_active"));
    }

    [Fact]
    public async Task Synchronous_gauge_keeps_the_last_value()
    {
        var gauge = _meter.CreateGauge<double>("mastro.test.temperature", unit: "Cel");
        gauge.Record(20.5);
        gauge.Record(19);

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal(19, exposition.Value("mastro_test_temperature_celsius"));
        Assert.Equal(19, (await MetricsScrape.ParseAsync(_metrics)).Value("mastro_test_temperature_celsius"));
    }

    [Fact]
    public async Task Observable_gauge_is_read_on_each_scrape_and_only_reported_series_are_kept()
    {
        var reported = new List<Measurement<long>> { new(3, new KeyValuePair<string, object?>("pool", "a")), new(4, new KeyValuePair<string, object?>("pool", "b")) };
        var calls = 0;
        _meter.CreateObservableGauge("mastro.test.pool.size", () =>
        {
            calls++;
            return reported.ToArray();
        }, unit: "{connection}");

        var first = await MetricsScrape.ParseAsync(_metrics);
        reported = [new(9, new KeyValuePair<string, object?>("pool", "a"))];
        var second = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal(2, calls);
        Assert.Equal(3, first.Value("mastro_test_pool_size", ("pool", "a")));
        Assert.Equal(4, first.Value("mastro_test_pool_size", ("pool", "b")));
        Assert.Equal(9, second.Value("mastro_test_pool_size", ("pool", "a")));
        Assert.Null(second.Find("mastro_test_pool_size", ("pool", "b")));
    }

    [Fact]
    public async Task A_failing_observable_callback_costs_only_its_own_series()
    {
        _meter.CreateObservableGauge<int>("mastro.test.broken", new Func<int>(() => throw new InvalidOperationException("callback bug")));
        _meter.CreateObservableGauge("mastro.test.healthy", () => 7);

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal(7, exposition.Value("mastro_test_healthy"));
        Assert.DoesNotContain("mastro_test_broken", exposition.FamilyNames);
    }

    [Fact]
    public async Task Observable_counter_reports_the_callback_total_not_a_sum_over_scrapes()
    {
        var total = 10L;
        _meter.CreateObservableCounter("mastro.test.bytes.read", () => total, unit: "By");

        Assert.Equal(10, (await MetricsScrape.ParseAsync(_metrics)).Value("mastro_test_bytes_read_bytes_total"));
        total = 25;
        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal("counter", exposition.Types["mastro_test_bytes_read_bytes_total"]);
        Assert.Equal(25, exposition.Value("mastro_test_bytes_read_bytes_total"));
    }

    [Fact]
    public async Task Label_values_and_help_are_escaped_and_tag_keys_converted()
    {
        var counter = _meter.CreateCounter<int>("mastro.test.escaped", unit: null, description: "Line one\nback\\slash");
        const string awkward = "C:\\dir\\\"quoted\"\nnext line";
        counter.Add(1, new KeyValuePair<string, object?>("file.path", awkward));

        var text = await MetricsScrape.TextAsync(_metrics);
        var exposition = Exposition.Parse(text);

        Assert.Contains("# HELP mastro_test_escaped_total Line one\\nback\\\\slash\n", text);
        Assert.Contains("mastro_test_escaped_total{file_path=\"C:\\\\dir\\\\\\\"quoted\\\"\\nnext line\"} 1\n", text);
        Assert.Equal(1, exposition.Value("mastro_test_escaped_total", ("file_path", awkward)));
    }

    [Fact]
    public async Task Tag_keys_that_collapse_to_one_label_name_are_merged_not_repeated()
    {
        _meter.CreateCounter<int>("mastro.test.collide").Add(1, new("a.b", "x"), new("a_b", "y"));

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal(1, exposition.Value("mastro_test_collide_total", ("a_b", "x;y")));
    }

    [Fact]
    public async Task Families_and_series_come_out_sorted_whatever_the_recording_order()
    {
        string OwnFamilies(string text) => string.Join('\n', text.Split('\n').Where(line => line.Contains("mastro_test_")));

        async Task<string> RecordAsync(bool reversed)
        {
            var meterName = MetricsScrape.UniqueMeterName();
            using var meter = new Meter(meterName);
            using var metrics = new PrometheusMetrics([meterName]);
            var zebra = meter.CreateCounter<int>("mastro.test.zebra");
            var alpha = meter.CreateHistogram<double>("mastro.test.alpha", unit: "s");
            var steps = new List<Action>
            {
                () => zebra.Add(1, new KeyValuePair<string, object?>("k", "b")),
                () => zebra.Add(1, new KeyValuePair<string, object?>("k", "a")),
                () => alpha.Record(0.2, new KeyValuePair<string, object?>("k", "y")),
                () => alpha.Record(0.1, new KeyValuePair<string, object?>("k", "x")),
            };
            if (reversed) steps.Reverse();
            foreach (var step in steps) step();
            return OwnFamilies(await MetricsScrape.TextAsync(metrics));
        }

        var forward = await RecordAsync(reversed: false);
        var backward = await RecordAsync(reversed: true);
        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal(forward, backward);
        Assert.True(forward.IndexOf("mastro_test_alpha_seconds_bucket{k=\"x\"", StringComparison.Ordinal)
                    < forward.IndexOf("mastro_test_alpha_seconds_bucket{k=\"y\"", StringComparison.Ordinal));
        Assert.True(forward.IndexOf("mastro_test_zebra_total{k=\"a\"}", StringComparison.Ordinal)
                    < forward.IndexOf("mastro_test_zebra_total{k=\"b\"}", StringComparison.Ordinal));
        Assert.Equal(exposition.FamilyNames.Order(StringComparer.Ordinal), exposition.FamilyNames);
    }

    [Fact]
    public async Task Concurrent_recording_loses_no_measurement()
    {
        const int threads = 8;
        const int perThread = 50_000;
        var counter = _meter.CreateCounter<long>("mastro.test.concurrent");
        var histogram = _meter.CreateHistogram<double>("mastro.test.concurrent.duration", unit: "s");
        using var stop = new CancellationTokenSource();
        // Scraping while recording must neither throw nor disturb the totals.
        var scraper = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) await MetricsScrape.ParseAsync(_metrics);
        });

        // Dedicated threads released together, each alternating between both series, so that every
        // series is hit from several cores at once even on a small machine.
        var even = new KeyValuePair<string, object?>("parity", "even");
        var odd = new KeyValuePair<string, object?>("parity", "odd");
        using var start = new Barrier(threads);
        var recorders = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 0; i < perThread; i++)
            {
                var tag = i % 2 == 0 ? even : odd;
                counter.Add(1, tag);
                histogram.Record(0.25, tag);
            }
        })).ToList();
        recorders.ForEach(recorder => recorder.Start());
        recorders.ForEach(recorder => recorder.Join());
        await stop.CancelAsync();
        await scraper;

        var exposition = await MetricsScrape.ParseAsync(_metrics);
        foreach (var parity in new[] { "even", "odd" })
        {
            Assert.Equal(threads * perThread / 2, exposition.Value("mastro_test_concurrent_total", ("parity", parity)));
            Assert.Equal(threads * perThread / 2, exposition.Value("mastro_test_concurrent_duration_seconds_count", ("parity", parity)));
            Assert.Equal(threads * perThread / 2 * 0.25, exposition.Value("mastro_test_concurrent_duration_seconds_sum", ("parity", parity)));
            Assert.Equal(threads * perThread / 2, exposition.Value("mastro_test_concurrent_duration_seconds_bucket", ("parity", parity), ("le", "0.25")));
            Assert.Equal(0, exposition.Value("mastro_test_concurrent_duration_seconds_bucket", ("parity", parity), ("le", "0.1")));
        }
    }

    [Fact]
    public async Task Only_selected_meters_are_exported_and_a_trailing_dot_selects_a_prefix()
    {
        var prefix = MetricsScrape.UniqueMeterName();
        using var exact = new Meter(prefix + "Exact");
        using var underPrefix = new Meter(prefix + ".Child");
        using var lookAlike = new Meter(prefix + "Child");
        using var metrics = new PrometheusMetrics([prefix + "Exact", prefix + "."]);
        exact.CreateCounter<int>("mastro.test.exact").Add(1);
        underPrefix.CreateCounter<int>("mastro.test.child").Add(1);
        lookAlike.CreateCounter<int>("mastro.test.lookalike").Add(1);

        var exposition = await MetricsScrape.ParseAsync(metrics);

        Assert.Equal(1, exposition.Value("mastro_test_exact_total"));
        Assert.Equal(1, exposition.Value("mastro_test_child_total"));
        Assert.DoesNotContain("mastro_test_lookalike_total", exposition.FamilyNames);
    }

    [Fact]
    public async Task With_a_meter_factory_meters_of_other_factories_are_ignored()
    {
        using var ownServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var otherServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var ownFactory = ownServices.GetRequiredService<IMeterFactory>();
        var otherFactory = otherServices.GetRequiredService<IMeterFactory>();
        using var metrics = new PrometheusMetrics([_meterName], ownFactory);
        ownFactory.Create(_meterName).CreateCounter<int>("mastro.test.scoped").Add(2);
        otherFactory.Create(_meterName).CreateCounter<int>("mastro.test.scoped").Add(40);
        _meter.CreateCounter<int>("mastro.test.scoped").Add(1);

        var exposition = await MetricsScrape.ParseAsync(metrics);

        // Own factory's meter plus the unscoped one; the other host's 40 must not leak in.
        Assert.Equal(3, exposition.Value("mastro_test_scoped_total"));
    }

    [Fact]
    public async Task An_instrument_clashing_with_an_existing_family_of_another_kind_is_not_exported()
    {
        var counter = _meter.CreateCounter<int>("mastro.test.clash");
        _meter.CreateObservableCounter("mastro.test.clash", () => 100);
        counter.Add(1);
        counter.Add(1);

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.Equal(2, exposition.Value("mastro_test_clash_total"));
    }

    [Fact]
    public async Task Instruments_without_measurements_write_no_family()
    {
        _meter.CreateCounter<int>("mastro.test.unused");

        var exposition = await MetricsScrape.ParseAsync(_metrics);

        Assert.DoesNotContain("mastro_test_unused_total", exposition.FamilyNames);
    }

    [Fact]
    public async Task Instruments_created_before_the_exporter_are_picked_up()
    {
        var meterName = MetricsScrape.UniqueMeterName();
        using var meter = new Meter(meterName);
        var earlier = meter.CreateCounter<int>("mastro.test.earlier");
        using var metrics = new PrometheusMetrics([meterName]);
        earlier.Add(4);

        Assert.Equal(4, (await MetricsScrape.ParseAsync(metrics)).Value("mastro_test_earlier_total"));
    }
}
