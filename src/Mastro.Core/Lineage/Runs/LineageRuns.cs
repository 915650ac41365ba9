namespace Mastro.Core.Lineage.Runs;

/// <summary>Folds run events into a run; both stores call this inside the transaction that records the event.</summary>
public static class LineageRuns
{
    public static LineageRun Apply(LineageRun? current, RunObservation observation)
    {
        if (current is null)
        {
            return new LineageRun
            {
                RunId = observation.RunId,
                Job = observation.Job,
                State = observation.State,
                StateTime = observation.EventTime,
                StartedAt = observation.State == RunStates.Start ? observation.EventTime : null,
                EndedAt = RunStates.IsTerminal(observation.State) ? observation.EventTime : null,
                ErrorMessage = observation.ErrorMessage,
                FirstEventAt = observation.EventTime,
                UpdatedAt = observation.ReceivedAt,
            };
        }

        var (rank, currentRank) = (RunStates.Rank(observation.State), RunStates.Rank(current.State));
        var takesState = rank > currentRank || (rank == currentRank && observation.EventTime >= current.StateTime);
        return current with
        {
            State = takesState ? observation.State : current.State,
            StateTime = takesState ? observation.EventTime : current.StateTime,
            // A repeated START (a retry of the same event) keeps the earliest start.
            StartedAt = observation.State == RunStates.Start ? Earliest(current.StartedAt, observation.EventTime) : current.StartedAt,
            EndedAt = takesState && RunStates.IsTerminal(observation.State) ? observation.EventTime : current.EndedAt,
            ErrorMessage = observation.ErrorMessage ?? current.ErrorMessage,
            FirstEventAt = Earliest(current.FirstEventAt, observation.EventTime)!.Value,
            UpdatedAt = observation.ReceivedAt > current.UpdatedAt ? observation.ReceivedAt : current.UpdatedAt,
        };
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value <= b ? value : b;
}
