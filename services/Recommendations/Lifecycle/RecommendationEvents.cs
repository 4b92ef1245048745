using TokenOptimizer.Recommendations.Suggesting;
using TokenOptimizer.Recommendations.TestingModels;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>First computed, or computed again after it was withdrawn.</summary>
public sealed record RecommendationSuggested(Suggestion Suggestion, DateTimeOffset At);

/// <summary>Computed again with figures that changed materially.</summary>
public sealed record RecommendationRevised(Suggestion Suggestion, DateTimeOffset At);

/// <summary>No longer applies to the usage (the traffic moved, or fell below the minimum).</summary>
public sealed record RecommendationWithdrawn(DateTimeOffset At);

/// <summary>
/// An admin accepted it. The feature's cost per call before the change is captured now, so the realised saving is
/// measured against what was true when the decision was made.
/// </summary>
public sealed record RecommendationAccepted(DateTimeOffset At, decimal BaselineCostPerRequestUsd, long BaselineRequests);

public sealed record RecommendationDismissed(DateTimeOffset At, string? Reason);

public sealed record RecommendationSnoozed(DateTimeOffset At, DateTimeOffset Until);

/// <summary>A model test ran for it: its figures per prompt and in sum, never the prompts or the answers.</summary>
public sealed record RecommendationTested(DateTimeOffset At, string TestId, ModelTestResult Result);

/// <summary>Measured after acceptance: the feature's cost per call since the change against the baseline.</summary>
public sealed record RecommendationRealised(
    DateTimeOffset At, decimal CostPerRequestBeforeUsd, decimal CostPerRequestAfterUsd, long RequestsAfter, decimal RealisedSavingUsd);
