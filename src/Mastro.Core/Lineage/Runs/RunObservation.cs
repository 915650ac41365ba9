namespace Mastro.Core.Lineage.Runs;

/// <summary>What one RunEvent says about its run.</summary>
/// <param name="Job">Asset name of the run's job.</param>
/// <param name="State">One of <see cref="RunStates"/>.</param>
/// <param name="EventTime">The producer's <c>eventTime</c>.</param>
/// <param name="ErrorMessage">The <c>errorMessage</c> run facet's message, if the event has one.</param>
/// <param name="ReceivedAt">When Mastro received the event (server clock; drives retention).</param>
public sealed record RunObservation(
    string RunId, string Job, string State, DateTimeOffset EventTime, string? ErrorMessage, DateTimeOffset ReceivedAt);
