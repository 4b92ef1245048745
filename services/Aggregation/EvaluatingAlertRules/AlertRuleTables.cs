namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>
/// The rule projection's working tables: each rule's terms and state (<c>alert_rules</c>), and its per-minute figures
/// (<c>alert_rule_minutes</c>, kept a week and a window back, the unusual condition's baseline being the same window on
/// each of the seven days before).
/// </summary>
public static class AlertRuleTables
{
    public const string Rules = "alert_rules";
    public const string Minutes = "alert_rule_minutes";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Rules} (
            rule_id            text   PRIMARY KEY,
            terms              jsonb  NOT NULL,
            state              jsonb  NOT NULL,
            removed            boolean NOT NULL DEFAULT false,
            evaluated_through  bigint NOT NULL DEFAULT 0
        );
        CREATE TABLE IF NOT EXISTS {Minutes} (
            rule_id   text        NOT NULL,
            minute    timestamptz NOT NULL,
            requests  bigint      NOT NULL,
            failures  bigint      NOT NULL,
            unpriced  bigint      NOT NULL,
            cost_usd  numeric     NOT NULL,
            tokens    bigint      NOT NULL,
            PRIMARY KEY (rule_id, minute)
        );
        """;
}
