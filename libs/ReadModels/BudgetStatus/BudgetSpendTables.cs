namespace TokenOptimizer.ReadModels;

/// <summary>
/// The budget read models (owner: Aggregation's budget spend projection). <c>spend_by_scope_hour</c>: priced cost per
/// scope (organisation, team, feature, model, provider) and hour, the source of every budget's running spend (a budget
/// defined late still sees its whole period); <c>budget_definitions</c>: budgets as the projection knows them (<c>detail</c>
/// is the writer's state; its <c>terms</c> are a <see cref="BudgetTerms"/>); <c>budget_alerts</c>: crossings. Read
/// through <see cref="BudgetStatusReader"/>.
/// </summary>
public static class BudgetSpendTables
{
    public const string SpendByScopeHour = "spend_by_scope_hour";
    public const string Definitions = "budget_definitions";
    public const string Alerts = "budget_alerts";

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
        CREATE TABLE IF NOT EXISTS {Alerts} (
            budget_id         text        NOT NULL,
            period_start      timestamptz NOT NULL,
            threshold_percent numeric     NOT NULL,
            spent_usd         numeric     NOT NULL,
            crossed_at        timestamptz NOT NULL,
            PRIMARY KEY (budget_id, period_start, threshold_percent)
        );
        """;
}
