using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DetectingAnomalies;

/// <summary>
/// The anomaly projection's working tables, read by nobody else: <c>usage_hourly_totals</c>: calls, failures and cost
/// per hour, globally and per provider (the baselines); <c>anomaly_progress</c>: the latest usage time seen and the
/// last hour judged. Its findings are the read model <see cref="AnomaliesTable"/>.
/// </summary>
public static class AnomalyTables
{
    public const string HourlyTotals = "usage_hourly_totals";
    public const string Progress = "anomaly_progress";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {HourlyTotals} (
            scope     text        NOT NULL,
            hour      timestamptz NOT NULL,
            requests  bigint      NOT NULL,
            failures  bigint      NOT NULL,
            cost_usd  numeric     NOT NULL,
            PRIMARY KEY (scope, hour)
        );
        CREATE TABLE IF NOT EXISTS {Progress} (
            id                smallint PRIMARY KEY,
            watermark         timestamptz,
            evaluated_through timestamptz
        );
        """;
}
