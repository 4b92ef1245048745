namespace TokenOptimizer.Aggregation.DetectingAnomalies;

/// <summary>
/// <c>usage_hourly_totals</c>: calls, failures and cost per hour, globally and per provider (the baselines);
/// <c>anomaly_progress</c>: the latest usage time seen and the last hour judged; <c>usage_anomalies</c>: findings.
/// </summary>
public static class AnomalyTables
{
    public const string HourlyTotals = "usage_hourly_totals";
    public const string Progress = "anomaly_progress";
    public const string Anomalies = "usage_anomalies";

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
        CREATE TABLE IF NOT EXISTS {Anomalies} (
            scope           text        NOT NULL,
            hour            timestamptz NOT NULL,
            metric          text        NOT NULL,
            observed        double precision NOT NULL,
            baseline_median double precision NOT NULL,
            baseline_mad    double precision NOT NULL,
            robust_z        double precision NOT NULL,
            baseline_hours  integer     NOT NULL,
            PRIMARY KEY (scope, hour, metric)
        );
        """;
}
