namespace TokenOptimizer.ReadModels;

/// <summary>
/// A dimension usage can be split by: its name (the GraphQL enum value), its rollup column, and whether it is kept per
/// UTC day only, in the caller rollup (<see cref="UserRollupTable"/>) rather than the minute/hour/day rollups.
/// </summary>
public sealed record Dimension(string Name, string Column, bool DailyOnly = false)
{
    public static Dimension Model { get; } = new("MODEL", "model");

    public static Dimension Provider { get; } = new("PROVIDER", "provider");

    public static Dimension Feature { get; } = new("FEATURE", "feature");

    public static Dimension Team { get; } = new("TEAM", "team");

    public static Dimension Environment { get; } = new("ENVIRONMENT", "environment");

    public static Dimension Outcome { get; } = new("OUTCOME", "outcome");

    /// <summary>Kept per day only (<c>usage_rollup_user_day</c>): a split by user covers whole UTC days.</summary>
    public static Dimension User { get; } = new("USER", "user_id", DailyOnly: true);

    /// <summary>The producer's API key id (not a secret), kept per day beside the user: a split by key covers whole UTC days.</summary>
    public static Dimension ApiKey { get; } = new("API_KEY", "api_key_id", DailyOnly: true);

    public static IReadOnlyList<Dimension> All { get; } = [Model, Provider, Feature, Team, Environment, Outcome, User, ApiKey];

    public static Dimension Named(string name) => All.Single(d => d.Name == name);
}
