namespace TokenOptimizer.Recommendations.AllowingModels;

/// <summary>The body of <c>PUT /v1/models/allowance</c>: a catalog key (which may hold slashes) and whether it is allowed.</summary>
public sealed record SetModelAllowance(string? Model, bool? Allowed);
