using Mastro.Crawlers.Push;
using Mastro.Crawlers.Sources;

namespace Mastro.Crawlers.Running;

/// <summary>
/// What one run did. <see cref="Found"/> counts assets the source produced; each ends up <see cref="Sent"/>, in
/// <see cref="Failed"/> (with the catalogue's reason) or in <see cref="Skipped"/> (invalid, duplicate). Source items
/// that never became assets (broken manifests, unreadable files) are in <see cref="Skipped"/> too.
/// </summary>
public sealed record CrawlReport
{
    public required string Crawler { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public int Found { get; init; }
    public int Sent { get; init; }
    public IReadOnlyList<SkippedItem> Skipped { get; init; } = [];
    public IReadOnlyList<SendFailure> Failed { get; init; } = [];

    /// <summary>Assets this crawler had catalogued before and did not find this run, now labelled <c>stale</c>.</summary>
    public int MarkedStale { get; init; }

    /// <summary>Why stale marking did not complete (it never fails the run: the crawl itself went through).</summary>
    public string? StaleError { get; init; }

    /// <summary>Why the run as a whole failed (source unreachable, root missing…), else null.</summary>
    public string? Error { get; init; }

    /// <summary>Stopped early by a shutdown request.</summary>
    public bool Cancelled { get; init; }

    public bool Succeeded => Error is null && Failed.Count == 0 && !Cancelled;

    /// <summary>Skips grouped by reason, most frequent first, for the summary line.</summary>
    public IReadOnlyList<(string Reason, int Count)> SkipReasons =>
        Skipped.GroupBy(s => s.Reason).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();
}
