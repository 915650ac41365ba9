namespace Mastro.Crawlers.Scheduling;

/// <summary>
/// <c>schedule-period: sunday</c> (… <c>saturday</c>) with <c>schedule-value: N</c>: 00:00 UTC on that weekday, every N weeks,
/// counted from the first such day after the scheduler started — as the seed's gocron did.
/// </summary>
public sealed class WeekdaySchedule : ICrawlSchedule
{
    private readonly DateTimeOffset _first;
    private readonly int _everyWeeks;

    public WeekdaySchedule(DayOfWeek day, int everyWeeks, DateTimeOffset start, bool runsAtStart)
    {
        var midnight = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero);
        var daysAhead = ((int)day - (int)midnight.DayOfWeek + 7) % 7;
        _first = midnight.AddDays(daysAhead);
        if (_first <= start) _first = _first.AddDays(7);
        _everyWeeks = everyWeeks;
        RunsAtStart = runsAtStart;
        Description = everyWeeks == 1 ? $"every {day} 00:00 UTC" : $"every {everyWeeks} weeks on {day} 00:00 UTC";
    }

    public bool RunsAtStart { get; }

    public string Description { get; }

    public DateTimeOffset Next(DateTimeOffset after)
    {
        if (after < _first) return _first;
        var period = TimeSpan.FromDays(7 * _everyWeeks);
        var elapsed = (after - _first).Ticks / period.Ticks + 1;
        return _first + TimeSpan.FromTicks(elapsed * period.Ticks);
    }
}
