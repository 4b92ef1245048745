namespace TokenOptimizer.ReadModels;

/// <summary>What a budget can cover: the whole organisation, or one team, feature, model, provider, end user or API key.</summary>
public static class BudgetScopes
{
    public const string Organization = "organization";
    public const string Team = "team";
    public const string Feature = "feature";
    public const string Model = "model";
    public const string Provider = "provider";

    /// <summary>One end user (the record's <c>userId</c>): erasing the user ends the budget and forgets its scope value.</summary>
    public const string User = "user";

    /// <summary>One producer API key (the record's <c>apiKeyId</c>, an id and never the secret).</summary>
    public const string ApiKey = "apiKey";

    public static IReadOnlyList<string> All { get; } = [Organization, Team, Feature, Model, Provider, User, ApiKey];
}
