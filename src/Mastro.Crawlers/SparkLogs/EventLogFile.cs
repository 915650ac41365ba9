using System.Globalization;
using Mastro.Crawlers.Files;

namespace Mastro.Crawlers.SparkLogs;

/// <summary>
/// One application's event log: a single file (<c>&lt;appId&gt;[_&lt;attempt&gt;][.&lt;codec&gt;][.inprogress]</c>) or a rolling
/// directory (<c>eventlog_v2_&lt;appId&gt;/events_&lt;n&gt;_…</c> read in index order, with an <c>appstatus_…</c> marker).
/// </summary>
public sealed record EventLogFile(string Origin, IReadOnlyList<TreeFile> Parts, string? Codec, bool InProgress)
{
    public const string RollingPrefix = "eventlog_v2_";

    /// <summary>Codec short names Spark writes as file suffixes (<c>CompressionCodec.shortCompressionCodecNames</c>).</summary>
    public static readonly IReadOnlySet<string> KnownCodecs = new HashSet<string> { "zstd", "lz4", "lzf", "snappy" };

    /// <summary>Groups a listing into event logs; files that are not event logs come back as problems.</summary>
    public static (List<EventLogFile> Logs, List<TreeProblem> Problems) Group(IEnumerable<TreeFile> files)
    {
        var logs = new List<EventLogFile>();
        var problems = new List<TreeProblem>();
        foreach (var folder in files.GroupBy(f => f.Folder))
        {
            var folderName = folder.Key[(folder.Key.LastIndexOf('/') + 1)..];
            if (folderName.StartsWith(RollingPrefix, StringComparison.Ordinal))
                Rolling(folder.ToList(), logs, problems);
            else
                foreach (var file in folder)
                    Single(file, logs, problems);
        }
        return (logs, problems);
    }

    private static void Single(TreeFile file, List<EventLogFile> logs, List<TreeProblem> problems)
    {
        var (name, inProgress) = StripInProgress(file.Name);
        if (name.EndsWith(".compact", StringComparison.Ordinal)) name = name[..^".compact".Length];
        var dot = name.LastIndexOf('.');
        if (name.StartsWith('.') || name.Length == 0)
        {
            problems.Add(new TreeProblem(file.Path, "not a Spark event log (hidden file)"));
            return;
        }
        string? codec = null;
        if (dot >= 0)
        {
            codec = name[(dot + 1)..];
            // App IDs contain no dots, so any other suffix means this is some other file.
            if (!KnownCodecs.Contains(codec))
            {
                problems.Add(new TreeProblem(file.Path, $"not a Spark event log (unexpected suffix .{codec})"));
                return;
            }
        }
        logs.Add(new EventLogFile(file.Path, [file], codec, inProgress));
    }

    private static void Rolling(List<TreeFile> files, List<EventLogFile> logs, List<TreeProblem> problems)
    {
        var folder = files[0].Path[..(files[0].Path.Length - files[0].Name.Length)].TrimEnd('/', '\\');
        var events = new List<(int Index, TreeFile File, string? Codec)>();
        var inProgress = false;
        foreach (var file in files)
        {
            if (file.Name.StartsWith("appstatus_", StringComparison.Ordinal))
            {
                inProgress |= file.Name.EndsWith(".inprogress", StringComparison.Ordinal);
                continue;
            }
            var parts = file.Name.Split('_', 3);
            if (parts.Length == 3 && parts[0] == "events" && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                var dot = parts[2].LastIndexOf('.');
                events.Add((index, file, dot < 0 ? null : parts[2][(dot + 1)..]));
            }
            else
                problems.Add(new TreeProblem(file.Path, "not part of a rolling Spark event log (expected events_<n>_… or appstatus_…)"));
        }
        if (events.Count == 0)
        {
            problems.Add(new TreeProblem(folder, "rolling event log directory without events_<n>_… files"));
            return;
        }
        var codecs = events.Select(e => e.Codec).Distinct().ToList();
        if (codecs.Count > 1)
        {
            problems.Add(new TreeProblem(folder, $"rolling event log mixes codecs ({string.Join(", ", codecs.Select(c => c ?? "none"))})"));
            return;
        }
        logs.Add(new EventLogFile(folder, events.OrderBy(e => e.Index).Select(e => e.File).ToList(), codecs[0], inProgress));
    }

    private static (string Name, bool InProgress) StripInProgress(string name) =>
        name.EndsWith(".inprogress", StringComparison.Ordinal) ? (name[..^".inprogress".Length], true) : (name, false);
}
