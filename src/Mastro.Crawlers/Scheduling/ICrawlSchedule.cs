namespace Mastro.Crawlers.Scheduling;

/// <summary>When a scheduled crawler runs. All times are UTC.</summary>
public interface ICrawlSchedule
{
    /// <summary>True if the first run happens as soon as the scheduler starts.</summary>
    bool RunsAtStart { get; }

    /// <summary>The first run time strictly after <paramref name="after"/>.</summary>
    DateTimeOffset Next(DateTimeOffset after);

    /// <summary>Human-readable form for logs, e.g. <c>cron '*/5 * * * *' (UTC)</c>.</summary>
    string Description { get; }
}
