namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>What a model test measured. Holds no prompt and no answer: rows refer to prompts by index.</summary>
public sealed record ModelTestResult
{
    public required ModelUnderTest Current { get; init; }

    public required ModelUnderTest Candidate { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>One row per prompt, in the order the prompts were given.</summary>
    public required IReadOnlyList<PromptComparison> Prompts { get; init; }

    public required ModelTestSummary Summary { get; init; }
}
