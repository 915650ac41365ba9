namespace Mastro.Server.Security;

/// <summary>
/// The names a write touched, for its audit entry: endpoints add what they parsed (asset names, set name and
/// version, ids); without that the route's values are used. Names only — never a body.
/// </summary>
internal static class AuditTargets
{
    /// <summary>A bulk write of thousands of assets records the first ones and how many more.</summary>
    public const int MaxRecorded = 100;

    private static readonly object Key = new();

    public static void Add(HttpContext context, IEnumerable<string> names)
    {
        if (context.Items[Key] is not List<string> targets)
            context.Items[Key] = targets = [];
        // A body without a name (a 400 on its way) has nothing to record.
        targets.AddRange(names.Where(name => !string.IsNullOrEmpty(name)));
    }

    internal static IReadOnlyList<string> Of(HttpContext context)
    {
        var names = context.Items[Key] as List<string>
            ?? context.Request.RouteValues.Values.Select(value => value?.ToString() ?? "").Where(value => value.Length > 0).ToList();
        var recorded = names.Take(MaxRecorded).Select(AuditText.Clean).ToList();
        if (names.Count > MaxRecorded)
            recorded.Add($"… and {names.Count - MaxRecorded} more");
        return recorded;
    }
}

/// <summary>Text for the audit log: control characters (which the stores may refuse) become '?', and length is bounded.</summary>
internal static class AuditText
{
    private const int MaxLength = 1024;

    public static string Clean(string text)
    {
        var clean = string.Create(Math.Min(text.Length, MaxLength), text, (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
        });
        return clean;
    }
}
