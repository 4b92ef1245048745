namespace TokenOptimizer.Recommendations.AllowingModels;

/// <summary>An admin allowed or disallowed a model (catalog key) for the organisation.</summary>
public sealed record ModelAllowanceSet(string Model, bool Allowed, DateTimeOffset At);
