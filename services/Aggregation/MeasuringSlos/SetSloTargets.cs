namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>The body of <c>PUT /v1/slos/targets</c>: new global and/or per-provider targets.</summary>
public sealed record SetSloTargets
{
    public SloTargets? Global { get; init; }

    public IReadOnlyDictionary<string, SloTargets>? Providers { get; init; }
}
