using Mastro.Core.Config;
using Mastro.Crawlers.Config;
using NCrontab;

namespace Mastro.Crawlers.Scheduling;

/// <summary>
/// Reads the crawler's schedule keys. Both styles work: the 5-field cron <c>schedule</c> of the newest original
/// (plus its <c>@daily</c>/<c>@every 5m</c> descriptors), and the <c>schedule-period</c>/<c>schedule-value</c> pair
/// that every seed example uses (which the newest original silently ignored). Returns null for "run once".
/// </summary>
public static class ScheduleParser
{
    public const string ScheduleKey = "schedule";
    public const string PeriodKey = "schedule-period";
    public const string ValueKey = "schedule-value";
    public const string StartNowKey = "start-now";

    private static readonly Dictionary<string, string> Descriptors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    private static readonly Dictionary<string, TimeSpan> IntervalUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["seconds"] = TimeSpan.FromSeconds(1),
        ["minutes"] = TimeSpan.FromMinutes(1),
        ["hours"] = TimeSpan.FromHours(1),
        ["days"] = TimeSpan.FromDays(1),
        ["weeks"] = TimeSpan.FromDays(7),
    };

    public static ICrawlSchedule? Parse(ConfigValues crawler, DateTimeOffset start)
    {
        var cron = crawler.Text(ScheduleKey);
        var period = crawler.Text(PeriodKey);
        var startNow = crawler.Bool(StartNowKey, false);
        if (cron is not null && period is not null)
            throw new ConfigException(
                $"{crawler.Key(ScheduleKey)}: set either schedule (cron) or schedule-period/schedule-value, not both");
        if (cron is not null)
            return ParseCron(cron, crawler.Key(ScheduleKey), start, startNow);
        if (period is not null)
            return ParsePeriod(period, crawler, start, startNow);
        if (crawler.Has(ValueKey))
            throw new ConfigException($"{crawler.Key(ValueKey)}: set without schedule-period (seconds, minutes, hours, days, weeks or monday…sunday)");
        return null;
    }

    private static ICrawlSchedule ParseCron(string expression, string key, DateTimeOffset start, bool startNow)
    {
        if (expression.StartsWith("@every", StringComparison.OrdinalIgnoreCase))
        {
            var text = expression["@every".Length..].Trim();
            if (!Durations.TryParse(text, out var interval) || interval < TimeSpan.FromSeconds(1))
                throw new ConfigException($"{key}: '@every {text}' needs a duration of at least 1s (e.g. @every 5m, @every 1h30m)");
            return new IntervalSchedule(interval, start, startNow, $"every {interval} (from start)");
        }
        var fields = (Descriptors.GetValueOrDefault(expression) ?? expression)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length != 5)
            throw new ConfigException(
                $"{key}: '{expression}' has {fields.Length} fields; expected 5 (minute hour day-of-month month day-of-week) or @hourly/@daily/@weekly/@monthly/@yearly/@every <duration>");
        var (dayOfWeek, error) = CronDayOfWeek.Normalise(fields[4]);
        if (error is not null)
            throw new ConfigException($"{key}: '{expression}': {error}");
        fields[4] = dayOfWeek!;
        try
        {
            return new CronSchedule(expression, CrontabSchedule.Parse(string.Join(' ', fields)), startNow);
        }
        catch (CrontabException e)
        {
            throw new ConfigException($"{key}: '{expression}' is not a valid cron expression: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static ICrawlSchedule ParsePeriod(string period, ConfigValues crawler, DateTimeOffset start, bool startNow)
    {
        var value = crawler.PositiveInt(ValueKey, 1);
        if (IntervalUnits.TryGetValue(period, out var unit))
        {
            // The seed's gocron ran interval jobs immediately and then every N units; start-now made no difference
            // (except a duplicate run, which is not reproduced).
            return new IntervalSchedule(unit * value, start, runsAtStart: true, $"every {value} {period.ToLowerInvariant()} (from start)");
        }
        if (Enum.TryParse<DayOfWeek>(period, ignoreCase: true, out var day) && !int.TryParse(period, out _))
            return new WeekdaySchedule(day, value, start, startNow);
        throw new ConfigException(
            $"{crawler.Key(PeriodKey)}: '{period}' is not a period (seconds, minutes, hours, days, weeks, monday, tuesday, wednesday, thursday, friday, saturday, sunday)");
    }
}
