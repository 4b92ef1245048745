using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.CommittingUsage;

/// <summary>A priced record to store as the first event of its stream, and whether it counts as unpriced.</summary>
public sealed record NewUsage(string StreamId, UsageIngested Ingested)
{
    public bool Unpriced => !Ingested.Cost.Priced;
}
