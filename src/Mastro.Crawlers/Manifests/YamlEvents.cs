using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Mastro.Crawlers.Manifests;

/// <summary>
/// The parser's events of one YAML stream, node by node, with aliases expanded: the events of every anchored node
/// are recorded and replayed where an alias names it. Anchors hold within their document, and an alias must come
/// after its anchor's node is complete (a node cannot contain itself, so there are no cycles to convert).
/// </summary>
internal sealed class YamlEvents(IParser parser)
{
    private readonly Dictionary<string, List<ParsingEvent>> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<Replay> _replays = new();
    private readonly List<Recording> _recordings = [];

    /// <summary>The next event, an alias replaced by the events of its node.</summary>
    public ParsingEvent Read()
    {
        var (next, replayed) = Raw();
        if (next is AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var events))
                throw new AnchorNotFoundException(alias.Start, alias.End, $"anchor '{alias.Value.Value}' not found");
            _replays.Push(new Replay(events));
            (next, replayed) = Raw();
        }
        Record(next, replayed);
        return next;
    }

    public T Read<T>() where T : ParsingEvent =>
        Read() as T ?? throw new YamlException($"unexpected YAML event, expected {typeof(T).Name}");

    /// <summary>Reads a node whose first event was <paramref name="first"/> to its end; returns its last event.</summary>
    public ParsingEvent SkipNode(ParsingEvent first)
    {
        var last = first;
        for (var depth = first.NestingIncrease; depth > 0; depth += last.NestingIncrease)
            last = Read();
        return last;
    }

    /// <summary>Starts the next document, if there is one; anchors of the previous one no longer hold.</summary>
    public bool NextDocument()
    {
        _anchors.Clear();
        return Read() is DocumentStart;
    }

    /// <summary>
    /// Reads past the rest of a document whose conversion failed, so that a syntax error later in the stream is still
    /// found first, as it would be by a full load of the stream.
    /// </summary>
    public void SkipToDocumentEnd()
    {
        _replays.Clear();
        foreach (var recording in _recordings) _anchors[recording.Anchor] = recording.Events;
        _recordings.Clear();
        while (Raw().Event is var next and not DocumentEnd)
        {
            if (next is AnchorAlias alias && !_anchors.ContainsKey(alias.Value.Value))
                throw new AnchorNotFoundException(alias.Start, alias.End, $"anchor '{alias.Value.Value}' not found");
            if (next is NodeEvent { Anchor.IsEmpty: false } node)
                _anchors[node.Anchor.Value] = [];
        }
    }

    private (ParsingEvent Event, bool Replayed) Raw()
    {
        while (_replays.TryPeek(out var replay))
        {
            if (replay.Position < replay.Events.Count) return (replay.Events[replay.Position++], true);
            _replays.Pop();
        }
        if (!parser.MoveNext()) throw new YamlException("unexpected end of the YAML stream");
        return (parser.Current!, false);
    }

    private void Record(ParsingEvent next, bool replayed)
    {
        for (var i = _recordings.Count - 1; i >= 0; i--)
        {
            var recording = _recordings[i];
            recording.Events.Add(next);
            recording.Depth += next.NestingIncrease;
            if (recording.Depth > 0) continue;
            _anchors[recording.Anchor] = recording.Events;
            _recordings.RemoveAt(i);
        }
        // A replayed node's anchors were recorded when it was first read.
        if (replayed || next is not NodeEvent { Anchor.IsEmpty: false } anchored) return;
        if (next.NestingIncrease == 0)
            _anchors[anchored.Anchor.Value] = [next];
        else
            _recordings.Add(new Recording(anchored.Anchor.Value, [next]) { Depth = next.NestingIncrease });
    }

    private sealed class Replay(List<ParsingEvent> events)
    {
        public List<ParsingEvent> Events { get; } = events;
        public int Position { get; set; }
    }

    private sealed record Recording(string Anchor, List<ParsingEvent> Events)
    {
        public int Depth { get; set; }
    }
}
