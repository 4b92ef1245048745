using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>A usage stream as re-pricing sees it: the call, its latest cost, and the stream's version.</summary>
public sealed record RecordedUsage(UsageRecorded Usage, UsageCost Cost, long Version)
{
    /// <summary>The state after <paramref name="event"/>, the stream's <paramref name="version"/>th event.</summary>
    public static RecordedUsage? Evolve(RecordedUsage? state, object? @event, long version) => @event switch
    {
        UsageIngested ingested => new RecordedUsage(ingested.Usage, ingested.Cost, version),
        UsageRepriced repriced when state is not null => state with { Cost = repriced.Current, Version = version },
        _ => state is null ? null : state with { Version = version },
    };
}
