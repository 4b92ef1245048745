using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary>When and how a slice's calls happen: the weekly rhythm, prompt sizes, output per input, and estimate quality.</summary>
public sealed record UsagePatterns
{
    /// <summary>All 168 (weekday, hour) cells, Monday 00:00 first.</summary>
    public required IReadOnlyList<HeatmapCell> Heatmap { get; init; }

    /// <summary>The (up to) three hours of the day with the most calls, busiest first.</summary>
    public required IReadOnlyList<HourOfDayUsage> PeakHours { get; init; }

    public required IReadOnlyList<PromptLengthBucket> PromptLengths { get; init; }

    public required IReadOnlyList<ModelTokenRatio> RatioByModel { get; init; }

    public required TokenEfficiency TokenEfficiency { get; init; }
}
