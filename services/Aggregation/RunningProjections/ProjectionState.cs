namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>A projection now.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Checkpoint">The position in the log of the last event it passed.</param>
/// <param name="Lag">Events in the log after its checkpoint: what it has still to apply.</param>
/// <param name="DeadLetters">How many events it could not apply and set aside.</param>
/// <param name="Letters">The oldest of them (all, or as many as asked for).</param>
public sealed record ProjectionState(string Name, long Checkpoint, long Lag, int DeadLetters, IReadOnlyList<DeadLetter> Letters)
{
    /// <summary>Whether this instance applies it now: each projection runs on one instance at a time.</summary>
    public bool RunsHere { get; init; }
}
