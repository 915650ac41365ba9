namespace Mastro.Crawlers.Scheduling;

/// <summary>
/// Runs every <paramref name="interval"/> counted from <paramref name="anchor"/>: the seed's
/// <c>schedule-period: minutes</c> + <c>schedule-value: 5</c>, or the original's <c>@every 5m</c>. Times stay on the
/// anchor's grid, so a long run never shifts later runs.
/// </summary>
public sealed class IntervalSchedule(TimeSpan interval, DateTimeOffset anchor, bool runsAtStart, string description) : ICrawlSchedule
{
    public bool RunsAtStart => runsAtStart;

    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (after < anchor) return anchor;
        var elapsed = (after - anchor).Ticks / interval.Ticks + 1;
        return anchor + TimeSpan.FromTicks(elapsed * interval.Ticks);
    }

    public string Description => description;
}
