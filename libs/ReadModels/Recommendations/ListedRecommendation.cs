namespace TokenOptimizer.ReadModels;

/// <summary>
/// A recommendation as the list shows it: the part of the owner's stored state (<c>detail</c>) that readers use, by the
/// same property names. A test in Recommendations.IntegrationTests reads the owner's state back through this shape.
/// </summary>
public sealed record ListedRecommendation
{
    public required string Id { get; init; }

    public required ListedSuggestion Suggestion { get; init; }

    /// <summary>One of <see cref="RecommendationStatus"/>.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset SuggestedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? SnoozedUntil { get; init; }

    public string? DismissReason { get; init; }

    /// <summary>When it was accepted; null if it was not.</summary>
    public ListedDecision? Acceptance { get; init; }

    public ListedModelTest? LastTest { get; init; }

    /// <summary>The saving measured since acceptance; null until enough calls came in.</summary>
    public ListedRealisation? Realised { get; init; }
}

/// <summary>What to change and what it saves per month, with its quality impact, confidence and evidence.</summary>
public sealed record ListedSuggestion(
    string Kind, string Feature, string Provider, string Model, string? CandidateProvider, string? CandidateModel, string? BudgetId, string Change,
    decimal MonthlySavingUsd, decimal SavingPercent, double? QualityDelta, string QualityImpact, string? QualitySource,
    double Confidence, string ConfidenceLabel, IReadOnlyDictionary<string, decimal> Evidence);

/// <summary>When a decision was taken.</summary>
public sealed record ListedDecision(DateTimeOffset At);

/// <summary>The realised saving measured after acceptance.</summary>
public sealed record ListedRealisation(decimal RealisedSavingUsd);

/// <summary>The last model test: both models on the same prompts (never kept: the result counts them only).</summary>
public sealed record ListedModelTest(string TestId, DateTimeOffset At, ListedModelTestResult Result);

/// <summary>A test's prompts (one row each, by index) and its summary.</summary>
public sealed record ListedModelTestResult(IReadOnlyList<ListedTestPrompt> Prompts, ListedModelTestSummary Summary);

/// <summary>One prompt's row of a test: the list shows how many there were, nothing of them.</summary>
public sealed record ListedTestPrompt;

/// <summary>Both sides of a test and how alike their answers were (0–1, over prompts both answered; null if none).</summary>
public sealed record ListedModelTestSummary(ListedTestSide Current, ListedTestSide Candidate, double? MeanAgreement);

/// <summary>One model's calls in a test, summed up.</summary>
public sealed record ListedTestSide(
    ListedModel Model, int Succeeded, int Failed, double? AverageLatencyMs, long InputTokens, long OutputTokens, decimal TotalCostUsd);

/// <summary>A provider's model.</summary>
public sealed record ListedModel(string Provider, string Model);
