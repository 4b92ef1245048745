namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>
/// <c>recommendations.recommendation_list</c>: every recommendation's current state (the folded stream as JSON in
/// <c>detail</c>), with the columns lists filter and rank by. Query reads it for the dashboard.
/// </summary>
public static class RecommendationListTable
{
    public const string Name = "recommendation_list";

    /// <summary>The name schema-qualified, for readers whose search path does not start with this service's schema.</summary>
    public const string QualifiedName = RecommendationsSchema.Name + "." + Name;

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            id                  text        PRIMARY KEY,
            kind                text        NOT NULL,
            feature             text        NOT NULL,
            status              text        NOT NULL,
            monthly_saving_usd  numeric     NOT NULL,
            realised_saving_usd numeric,
            snoozed_until       timestamptz,
            updated_at          timestamptz NOT NULL,
            detail              jsonb       NOT NULL
        );
        """;
}
