namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// <c>spend_by_scope_hour</c>: priced cost per scope (organisation, team, feature, model, provider) and hour, the
/// source of a budget's opening spend (a budget defined late still sees its whole period); <c>budget_definitions</c>:
/// budgets as the projection knows them, to match spend to them. Spend per budget and its crossings live in the
/// budgets' grains (<see cref="BudgetGrain"/>).
/// </summary>
public static class BudgetSpendTables
{
    public const string SpendByScopeHour = "spend_by_scope_hour";
    public const string Definitions = "budget_definitions";

    // Before the grains held crossings, the projection kept them in budget_alerts: that goes.
    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {SpendByScopeHour} (
            scope_kind  text        NOT NULL,
            scope_value text        NOT NULL,
            hour        timestamptz NOT NULL,
            spent_usd   numeric     NOT NULL,
            PRIMARY KEY (scope_kind, scope_value, hour)
        );
        CREATE TABLE IF NOT EXISTS {Definitions} (
            budget_id text PRIMARY KEY,
            removed   boolean NOT NULL,
            detail    jsonb   NOT NULL
        );
        DROP TABLE IF EXISTS budget_alerts;
        """;
}
