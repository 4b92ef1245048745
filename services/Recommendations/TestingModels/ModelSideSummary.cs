namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>One model's calls in a test, summed up.</summary>
public sealed record ModelSideSummary
{
    public required ModelUnderTest Model { get; init; }

    public required int Succeeded { get; init; }

    public required int Failed { get; init; }

    /// <summary>Mean latency of the succeeded calls; null if none succeeded.</summary>
    public double? AverageLatencyMs { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    /// <summary>The sum of the priced calls' costs; <see cref="UnpricedCalls"/> says how many succeeded calls it lacks.</summary>
    public decimal TotalCostUsd { get; init; }

    public int UnpricedCalls { get; init; }

    /// <summary>Failed calls by kind.</summary>
    public IReadOnlyDictionary<CallErrorKind, int> FailuresByKind { get; init; } = new Dictionary<CallErrorKind, int>();

    public static ModelSideSummary Of(ModelUnderTest model, IReadOnlyCollection<ModelCallResult> calls)
    {
        var succeeded = calls.Where(c => c.Outcome == CallOutcome.Succeeded).ToList();
        return new ModelSideSummary
        {
            Model = model,
            Succeeded = succeeded.Count,
            Failed = calls.Count - succeeded.Count,
            AverageLatencyMs = succeeded.Count == 0 ? null : succeeded.Average(c => c.LatencyMs),
            InputTokens = succeeded.Sum(c => c.InputTokens ?? 0),
            OutputTokens = succeeded.Sum(c => c.OutputTokens ?? 0),
            TotalCostUsd = succeeded.Sum(c => c.CostUsd ?? 0m),
            UnpricedCalls = succeeded.Count(c => c.CostUsd is null),
            FailuresByKind = calls
                .Where(c => c.Error is not null)
                .GroupBy(c => c.Error!.Value)
                .ToDictionary(g => g.Key, g => g.Count()),
        };
    }
}
