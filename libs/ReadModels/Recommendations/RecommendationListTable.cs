namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>recommendations.recommendation_list</c> (owner: the Recommendations service's list projection): every
/// recommendation's current state, with the columns lists filter and rank by. <c>detail</c> is the owner's folded state
/// as JSON; others read it only through <see cref="RecommendationListReader"/>, as a <see cref="ListedRecommendation"/>.
/// </summary>
public static class RecommendationListTable
{
    /// <summary>The Recommendations service's PostgreSQL schema, which holds its event log and this table.</summary>
    public const string Schema = "recommendations";

    public const string Name = "recommendation_list";

    /// <summary>The name schema-qualified, for readers whose search path does not start with the owner's schema.</summary>
    public const string QualifiedName = Schema + "." + Name;

    /// <summary>Created by the owner, whose search path starts with <see cref="Schema"/>.</summary>
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
