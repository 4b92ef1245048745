namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>The body of <c>POST /v1/recommendations/{id}/snooze</c>: until when.</summary>
public sealed record SnoozeRecommendation(DateTimeOffset? Until);
