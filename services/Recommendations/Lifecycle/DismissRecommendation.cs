namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>The body of <c>POST /v1/recommendations/{id}/dismiss</c>: why, if the admin says (optional, as is the body).</summary>
public sealed record DismissRecommendation(string? Reason);
