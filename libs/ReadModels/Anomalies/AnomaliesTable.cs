namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>usage_anomalies</c> (owner: Aggregation's anomaly projection): hours whose cost or error rate left their baseline,
/// judged globally (scope <c>global</c>) and per provider (scope <c>provider:&lt;name&gt;</c>). Read through
/// <see cref="AnomalyReader"/>.
/// </summary>
public static class AnomaliesTable
{
    public const string Name = "usage_anomalies";

    /// <summary>The scope of an anomaly judged on one provider's calls is this prefix and the provider's name.</summary>
    public const string ProviderScopePrefix = "provider:";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
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
