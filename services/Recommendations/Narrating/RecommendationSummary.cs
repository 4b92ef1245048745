namespace TokenOptimizer.Recommendations.Narrating;

/// <summary>What the narrative is told about one recommendation; its numbers come from elsewhere and are only repeated.</summary>
/// <param name="Title">What to change, e.g. "Move summarise-ticket from gpt-4o to gpt-4o-mini".</param>
/// <param name="QualityLabel">The plain-words quality impact, e.g. "same quality" or "slightly lower".</param>
public sealed record RecommendationSummary(string Title, decimal MonthlySavingUsd, string QualityLabel);
