namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>A lifecycle command that does not apply: the message says why (404 when the recommendation does not exist, else 409).</summary>
public sealed class RecommendationRejectedException(string message, bool notFound = false) : Exception(message)
{
    public bool NotFound { get; } = notFound;
}
