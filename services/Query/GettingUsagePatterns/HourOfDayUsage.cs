namespace TokenOptimizer.Query.GettingUsagePatterns;

/// <summary>Usage in one hour of the day (UTC, 0–23), every day of the range together.</summary>
public sealed record HourOfDayUsage(int Hour, long Requests, decimal CostUsd);
