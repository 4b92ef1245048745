using TokenOptimizer.Query.ReadingUsageLog;

namespace TokenOptimizer.Query.GettingErrors;

/// <summary>What failed in a slice: the latest failed calls (a log page) and failure counts per type, provider and model.</summary>
public sealed record ErrorReport
{
    public required UsageLogPage Recent { get; init; }

    public required IReadOnlyList<FailureGroup> ByType { get; init; }

    public required IReadOnlyList<FailureGroup> ByProvider { get; init; }

    public required IReadOnlyList<FailureGroup> ByModel { get; init; }
}
