namespace TokenOptimizer.ReadModels;

/// <summary>
/// What the overview shows of the advice. Optimisation potential: per (feature, provider, model), the largest monthly
/// saving among its open recommendations (switching model and caching prompts for the same traffic do not add up, so
/// only the best counts). Documented savings: the realised savings measured so far. Both rounded to cents.
/// </summary>
public sealed record RecommendationTotals(decimal OptimisationPotentialUsd, decimal RealisedSavingsUsd, int Open, int Accepted);
