namespace TokenOptimizer.ReadModels;

/// <summary>One alert as the feed shows it: <c>firing</c>, <c>acknowledged</c> or <c>resolved</c>, with the figures that fired it.</summary>
public sealed record AlertFeedEntry(
    string AlertId, string RuleId, string RuleName, string Severity, string State, string Metric, string Scope, decimal? Value, decimal? Threshold,
    string Summary, DateTimeOffset FiredAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt);
