namespace TokenOptimizer.ReadModels;

/// <summary>A dimension usage can be split by: its name (the GraphQL enum value) and its rollup column.</summary>
public sealed record Dimension(string Name, string Column)
{
    public static Dimension Model { get; } = new("MODEL", "model");

    public static Dimension Provider { get; } = new("PROVIDER", "provider");

    public static Dimension Feature { get; } = new("FEATURE", "feature");

    public static Dimension Team { get; } = new("TEAM", "team");

    public static Dimension Environment { get; } = new("ENVIRONMENT", "environment");

    public static Dimension Outcome { get; } = new("OUTCOME", "outcome");

    /// <summary>Kept per day only (<c>usage_rollup_user_day</c>): a split by user covers whole UTC days.</summary>
    public static Dimension User { get; } = new("USER", "user_id");

    public static IReadOnlyList<Dimension> All { get; } = [Model, Provider, Feature, Team, Environment, Outcome, User];

    public static Dimension Named(string name) => All.Single(d => d.Name == name);
}
