using System.Globalization;

namespace Mastro.Crawlers.Scheduling;

/// <summary>
/// Rewrites a cron day-of-week field as an explicit list of 0–6. Cron accepts both 0 and 7 for Sunday (the original's
/// robfig/cron did), but NCrontab only knows 0–6, so <c>7</c>, <c>5-7</c> or <c>1-7/2</c> must be expanded first.
/// </summary>
public static class CronDayOfWeek
{
    private static readonly string[] Names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>The field as a comma list of 0–6, or an error naming the bad part.</summary>
    public static (string? Field, string? Error) Normalise(string field)
    {
        if (field is "*" or "?") return (field, null);
        var days = new SortedSet<int>();
        foreach (var part in field.Split(','))
        {
            var error = Expand(part, days);
            if (error is not null) return (null, $"day-of-week '{part}': {error}");
        }
        return (string.Join(',', days), null);
    }

    private static string? Expand(string part, SortedSet<int> days)
    {
        var slash = part.Split('/');
        if (slash.Length > 2) return "more than one '/'";
        var step = 1;
        if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1))
            return $"step '{slash[1]}' is not a positive number";

        int from, to;
        if (slash[0] == "*")
            (from, to) = (0, 6);
        else
        {
            var range = slash[0].Split('-');
            if (range.Length > 2) return "more than one '-'";
            if (Day(range[0]) is not { } start) return $"'{range[0]}' is not a day (0-7 or sun-sat)";
            from = start;
            if (range.Length == 2)
            {
                if (Day(range[1]) is not { } end) return $"'{range[1]}' is not a day (0-7 or sun-sat)";
                to = end;
            }
            else
                to = slash.Length == 2 ? 7 : from; // "a/step" means from a to the end of the week
            if (from > to) return $"range {from}-{to} is backwards";
        }
        for (var day = from; day <= to; day += step)
            days.Add(day % 7);
        return null;
    }

    private static int? Day(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return number is >= 0 and <= 7 ? number : null;
        var index = Array.IndexOf(Names, text.ToLowerInvariant());
        return index >= 0 ? index : null;
    }
}
