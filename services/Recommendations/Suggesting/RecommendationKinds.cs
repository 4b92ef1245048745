namespace TokenOptimizer.Recommendations.Suggesting;

/// <summary>The kinds of recommendation, as stored and as the API names them.</summary>
public static class RecommendationKinds
{
    public const string ModelSwitch = "model_switch";
    public const string ProviderSwitch = "provider_switch";
    public const string PromptCaching = "prompt_caching";
    public const string BatchProcessing = "batch_processing";
    public const string FailureWaste = "failure_waste";
    public const string BudgetRisk = "budget_risk";

    public static IReadOnlyList<string> All { get; } = [ModelSwitch, ProviderSwitch, PromptCaching, BatchProcessing, FailureWaste, BudgetRisk];
}
