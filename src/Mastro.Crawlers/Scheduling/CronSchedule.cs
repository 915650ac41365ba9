using NCrontab;

namespace Mastro.Crawlers.Scheduling;

/// <summary>A 5-field cron expression evaluated in UTC (what the original's <c>schedule</c> key meant).</summary>
public sealed class CronSchedule(string expression, CrontabSchedule parsed, bool runsAtStart) : ICrawlSchedule
{
    public bool RunsAtStart => runsAtStart;

    public DateTimeOffset Next(DateTimeOffset after) =>
        new(DateTime.SpecifyKind(parsed.GetNextOccurrence(after.UtcDateTime), DateTimeKind.Utc));

    public string Description => $"cron '{expression}' (UTC)";
}
