namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>alert_feed</c> (owner: Aggregation, written with the alert outbox in the transaction that decided each alert, and
/// on acknowledgement): one row per alert — a rule's firing until it resolved — in its latest state. Read through
/// <see cref="AlertFeedReader"/>.
/// </summary>
public static class AlertFeedTable
{
    public const string Name = "alert_feed";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            alert_id        text        PRIMARY KEY,
            rule_id         text        NOT NULL,
            rule_name       text        NOT NULL,
            severity        text        NOT NULL,
            state           text        NOT NULL,
            metric          text        NOT NULL,
            scope           text        NOT NULL,
            value           numeric,
            threshold       numeric,
            summary         text        NOT NULL,
            fired_at        timestamptz NOT NULL,
            acknowledged_at timestamptz,
            resolved_at     timestamptz
        );
        CREATE INDEX IF NOT EXISTS alert_feed_fired ON {Name} (fired_at DESC);
        """;
}
