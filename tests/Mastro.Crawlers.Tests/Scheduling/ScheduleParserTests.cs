using Mastro.Core.Config;
using Mastro.Crawlers.Config;
using Mastro.Crawlers.Scheduling;

namespace Mastro.Crawlers.Tests.Scheduling;

public sealed class ScheduleParserTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-03-04T10:17:30Z"); // a Wednesday

    private static ICrawlSchedule? Parse(params (string Key, string Value)[] keys) =>
        ScheduleParser.Parse(new ConfigValues(keys.ToDictionary(k => k.Key, k => k.Value), "backend.crawler"), Start);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text);

    [Fact]
    public void No_schedule_means_one_run() => Assert.Null(Parse());

    [Fact]
    public void Every_five_minutes_in_cron()
    {
        var schedule = Parse(("schedule", "*/5 * * * *"))!;
        Assert.False(schedule.RunsAtStart);
        Assert.Equal(At("2026-03-04T10:20:00Z"), schedule.Next(Start));
        Assert.Equal(At("2026-03-04T10:25:00Z"), schedule.Next(At("2026-03-04T10:20:00Z")));
    }

    [Fact]
    public void Every_two_hours_in_cron_is_evaluated_in_utc()
    {
        var schedule = Parse(("schedule", "0 */2 * * *"))!;
        Assert.Equal(At("2026-03-04T12:00:00Z"), schedule.Next(Start));
        Assert.Equal(At("2026-03-04T12:00:00Z"), schedule.Next(At("2026-03-04T11:30:00+01:00")));
    }

    [Theory]
    [InlineData("0 3 * * 0")]
    [InlineData("0 3 * * 7")]
    [InlineData("0 3 * * SUN")]
    public void Day_of_week_0_and_7_are_both_sunday(string expression)
    {
        var schedule = Parse(("schedule", expression))!;
        Assert.Equal(At("2026-03-08T03:00:00Z"), schedule.Next(Start));
        Assert.Equal(DayOfWeek.Sunday, schedule.Next(Start).DayOfWeek);
    }

    [Fact]
    public void A_range_ending_in_7_includes_sunday()
    {
        var schedule = Parse(("schedule", "0 0 * * 5-7"))!;
        var runs = new List<DayOfWeek>();
        for (var t = Start; runs.Count < 3; t = schedule.Next(t)) if (t != Start) runs.Add(t.DayOfWeek);
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday], runs);
    }

    [Fact]
    public void Descriptors_and_every_work_like_the_original()
    {
        Assert.Equal(At("2026-03-05T00:00:00Z"), Parse(("schedule", "@daily"))!.Next(Start));
        var every = Parse(("schedule", "@every 90s"), ("start-now", "true"))!;
        Assert.True(every.RunsAtStart);
        Assert.Equal(Start.AddSeconds(90), every.Next(Start));
        Assert.Equal(Start.AddSeconds(180), every.Next(Start.AddSeconds(100)));
    }

    [Fact]
    public void Start_now_adds_an_immediate_run_to_a_cron_schedule() =>
        Assert.True(Parse(("schedule", "*/5 * * * *"), ("start-now", "true"))!.RunsAtStart);

    [Fact]
    public void The_seeds_interval_periods_run_at_start_and_then_every_n_units()
    {
        var schedule = Parse(("schedule-period", "minutes"), ("schedule-value", "10"))!;
        Assert.True(schedule.RunsAtStart);
        Assert.Equal(Start.AddMinutes(10), schedule.Next(Start));
        Assert.Equal(Start.AddMinutes(30), schedule.Next(Start.AddMinutes(25)));
        Assert.Equal(Start.AddDays(2), Parse(("schedule-period", "days"), ("schedule-value", "2"))!.Next(Start));
        Assert.Equal(Start.AddSeconds(1), Parse(("schedule-period", "seconds"))!.Next(Start));
    }

    [Fact]
    public void The_seeds_weekday_period_runs_at_midnight_utc_on_that_day()
    {
        // example_impala.yml: schedule-period sunday, schedule-value 1, start-now true.
        var schedule = Parse(("schedule-period", "sunday"), ("schedule-value", "1"), ("start-now", "true"))!;
        Assert.True(schedule.RunsAtStart);
        Assert.Equal(At("2026-03-08T00:00:00Z"), schedule.Next(Start));
        Assert.Equal(At("2026-03-15T00:00:00Z"), schedule.Next(At("2026-03-08T00:00:00Z")));

        var fortnightly = Parse(("schedule-period", "Monday"), ("schedule-value", "2"))!;
        Assert.False(fortnightly.RunsAtStart);
        Assert.Equal(At("2026-03-09T00:00:00Z"), fortnightly.Next(Start));
        Assert.Equal(At("2026-03-23T00:00:00Z"), fortnightly.Next(At("2026-03-09T00:00:00Z")));
    }

    [Theory]
    [InlineData("schedule", "*/5 * * *", "backend.crawler.schedule: '*/5 * * *' has 4 fields; expected 5")]
    [InlineData("schedule", "61 * * * *", "backend.crawler.schedule: '61 * * * *' is not a valid cron expression")]
    [InlineData("schedule", "0 0 * * 8", "day-of-week '8'")]
    [InlineData("schedule", "0 0 * * 6-2", "backwards")]
    [InlineData("schedule", "@every soon", "backend.crawler.schedule: '@every soon'")]
    [InlineData("schedule-period", "fortnights", "backend.crawler.schedule-period: 'fortnights' is not a period")]
    [InlineData("schedule-value", "3", "backend.crawler.schedule-value: set without schedule-period")]
    public void Invalid_schedules_fail_with_a_message_naming_the_key(string key, string value, string message)
    {
        var error = Assert.Throws<ConfigException>(() => Parse((key, value)));
        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_zero_or_negative_schedule_value_is_rejected()
    {
        var error = Assert.Throws<ConfigException>(() => Parse(("schedule-period", "hours"), ("schedule-value", "0")));
        Assert.StartsWith("backend.crawler.schedule-value:", error.Message);
    }

    [Fact]
    public void Cron_and_period_together_are_ambiguous()
    {
        var error = Assert.Throws<ConfigException>(() => Parse(("schedule", "@daily"), ("schedule-period", "days")));
        Assert.Contains("not both", error.Message);
    }
}
