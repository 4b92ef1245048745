namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>
/// Stored event <c>slo_targets_set</c>, in stream <c>slo-targets</c>: the targets an administrator set. The latest
/// one is in force, laid over the configured targets value by value (what it leaves out stays as configured).
/// </summary>
public sealed record SloTargetsSet
{
    public SloTargets? Global { get; init; }

    /// <summary>Per-provider targets, by provider name as usage reports it.</summary>
    public IReadOnlyDictionary<string, SloTargets>? Providers { get; init; }

    public required DateTimeOffset At { get; init; }
}
