namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// The budget spend projection's working tables (no reader reads them): <c>spend_by_scope_hour</c>, priced cost per
/// scope (organisation, team, feature, model, provider, user, API key) and hour, the source of a budget's opening spend
/// (a budget defined late still sees its whole period). Hourly for users and keys too: a row per active user-hour is
/// fewer rows than the per-user rollup's row per user, day and combination of dimensions, and the forecast needs the
/// recent hours; <c>budget_definitions</c>, budgets as the projection knows them, to match
/// spend to them. Each budget's period spend and crossings are its grain's persisted state (<see cref="BudgetGrain"/>),
/// read through <see cref="ReadModels.BudgetStatusReader"/>.
/// </summary>
public static class BudgetSpendTables
{
    public const string SpendByScopeHour = "spend_by_scope_hour";
    public const string Definitions = "budget_definitions";

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
        """;
}
