namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>
/// The body of <c>POST /v1/recommendations/{id}/tests</c>: the prompts to send to both models (never stored) and how
/// long one call may take.
/// </summary>
public sealed record TestRecommendation(IReadOnlyList<string>? Prompts, double? CallTimeoutSeconds);
