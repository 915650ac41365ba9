namespace Mastro.Core.Lineage.Runs;

/// <summary>The run states of OpenLineage's <c>eventType</c>, and which of them end a run.</summary>
public static class RunStates
{
    public const string Start = "START";
    public const string Running = "RUNNING";
    public const string Complete = "COMPLETE";
    public const string Fail = "FAIL";
    public const string Abort = "ABORT";
    public const string Other = "OTHER";

    public static readonly IReadOnlyList<string> All = [Start, Running, Complete, Fail, Abort, Other];

    /// <summary>The state an event type sets; an absent event type (allowed by the spec) is OTHER.</summary>
    public static string Of(string? eventType) => eventType is { } type && All.Contains(type) ? type : Other;

    public static bool IsTerminal(string state) => state is Complete or Fail or Abort;

    /// <summary>
    /// How final a state is: a terminal state outranks START/RUNNING, which outrank OTHER (which the spec uses for
    /// extra metadata, even after completion). A run's state is that of its highest-ranked, then latest, event.
    /// </summary>
    public static int Rank(string state) => IsTerminal(state) ? 2 : state == Other ? 0 : 1;
}
