namespace TokenOptimizer.ReadModels;

/// <summary>What a budget can cover: the whole organisation, or one team, feature, model or provider.</summary>
public static class BudgetScopes
{
    public const string Organization = "organization";
    public const string Team = "team";
    public const string Feature = "feature";
    public const string Model = "model";
    public const string Provider = "provider";

    public static IReadOnlyList<string> All { get; } = [Organization, Team, Feature, Model, Provider];
}
