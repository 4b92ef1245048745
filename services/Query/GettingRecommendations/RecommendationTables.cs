namespace TokenOptimizer.Query.GettingRecommendations;

/// <summary>Where the Recommendations service keeps its read model: its own schema, beside its own event log.</summary>
public static class RecommendationTables
{
    public const string Schema = "recommendations";

    public const string List = Schema + ".recommendation_list";
}
