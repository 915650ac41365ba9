using Mastro.Core.Lineage.Runs;

namespace Mastro.Core.Tests.Lineage;

public sealed class LineageRunsTests
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static RunObservation Event(string state, double minutes, string? error = null) =>
        new("run", "ns/job", state, T0.AddMinutes(minutes), error, T0.AddMinutes(minutes + 0.5));

    private static LineageRun Fold(params RunObservation[] events) =>
        events.Aggregate((LineageRun?)null, LineageRuns.Apply)!;

    [Fact]
    public void The_fold_does_not_depend_on_arrival_order()
    {
        RunObservation[] events = [Event(RunStates.Start, 0), Event(RunStates.Running, 1), Event(RunStates.Other, 2), Event(RunStates.Complete, 3)];

        var expected = Fold(events);
        foreach (var order in new[] { events.Reverse().ToArray(), [events[3], events[0], events[2], events[1]], [events[2], events[1], events[3], events[0]] })
            Assert.Equal(expected, Fold(order));
        Assert.Equal((RunStates.Complete, T0, T0.AddMinutes(3), 180_000L), (expected.State, expected.StartedAt, expected.EndedAt, expected.DurationMs));
        Assert.Equal(T0.AddMinutes(3.5), expected.UpdatedAt);
        Assert.Equal(T0, expected.FirstEventAt);
    }

    [Fact]
    public void Between_terminal_events_the_latest_wins()
    {
        var run = Fold(Event(RunStates.Start, 0), Event(RunStates.Fail, 5, "boom"), Event(RunStates.Complete, 2));

        Assert.Equal((RunStates.Fail, T0.AddMinutes(5), "boom"), (run.State, run.EndedAt, run.ErrorMessage));
    }

    [Fact]
    public void Other_only_sets_the_state_of_a_run_that_has_nothing_else()
    {
        Assert.Equal(RunStates.Other, Fold(Event(RunStates.Other, 0)).State);
        Assert.Equal(RunStates.Running, Fold(Event(RunStates.Running, 0), Event(RunStates.Other, 1)).State);
    }

    [Fact]
    public void A_repeated_start_keeps_the_earliest()
    {
        Assert.Equal(T0.AddMinutes(1), Fold(Event(RunStates.Start, 2), Event(RunStates.Start, 1)).StartedAt);
    }

    [Theory]
    [InlineData("START", "START")]
    [InlineData("COMPLETE", "COMPLETE")]
    [InlineData(null, "OTHER")]
    [InlineData("complete", "OTHER")]
    public void Event_types_map_to_states(string? eventType, string state)
    {
        Assert.Equal(state, RunStates.Of(eventType));
    }
}
