using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>The usage dimensions a rule's scope may filter on, and whether a call falls inside a scope (every named dimension equal).</summary>
public static class AlertScope
{
    public static IReadOnlyList<string> Dimensions { get; } = ["provider", "model", "team", "feature", "environment", "userId", "apiKeyId"];

    public static bool Contains(IReadOnlyDictionary<string, string> scope, UsageRecorded usage)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(usage);
        return scope.All(s => string.Equals(ValueOf(s.Key, usage), s.Value, StringComparison.Ordinal));
    }

    private static string? ValueOf(string dimension, UsageRecorded usage) => dimension switch
    {
        "provider" => usage.Provider,
        "model" => usage.Model,
        "team" => usage.Team,
        "feature" => usage.Feature,
        "environment" => usage.Environment,
        "userId" => usage.UserId,
        "apiKeyId" => usage.ApiKeyId,
        _ => null,
    };
}
