using TokenOptimizer.Aggregation.RunningProjections;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// <c>provider_circuit</c>: each provider's breaker (the single-writer state, read by key);
/// <c>provider_availability_minute</c>: calls and failures per provider, model and minute, for uptime and rates;
/// <c>provider_incidents</c>: each open → closed period.
/// </summary>
public static class ProviderHealthTables
{
    public const string Circuit = "provider_circuit";
    public const string AvailabilityMinute = "provider_availability_minute";
    public const string Incidents = "provider_incidents";

    // Before models had their own health, minutes were kept per provider only: such a table is replaced, and the
    // projection rebuilt from zero so the new one is filled (circuits and incidents come out the same).
    public const string Ddl = $"""
        DO $$ BEGIN
            IF to_regclass('{AvailabilityMinute}') IS NOT NULL AND to_regclass('{OldCheckpoints.Table}') IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM information_schema.columns WHERE table_name = '{AvailabilityMinute}' AND column_name = 'model') THEN
                DROP TABLE {AvailabilityMinute};
                TRUNCATE {Circuit}, {Incidents};
                UPDATE {OldCheckpoints.Table} SET position = 0 WHERE name = '{ProviderHealthProjection.ProjectionName}';
            END IF;
        END $$;
        CREATE TABLE IF NOT EXISTS {Circuit} (
            provider   text PRIMARY KEY,
            state      text        NOT NULL,
            changed_at timestamptz,
            detail     jsonb       NOT NULL
        );
        CREATE TABLE IF NOT EXISTS {AvailabilityMinute} (
            provider          text        NOT NULL,
            model             text        NOT NULL,
            minute            timestamptz NOT NULL,
            request_count     bigint      NOT NULL,
            failure_count     bigint      NOT NULL,
            provider_failures bigint      NOT NULL,
            PRIMARY KEY (provider, model, minute)
        );
        CREATE TABLE IF NOT EXISTS {Incidents} (
            provider        text        NOT NULL,
            started_at      timestamptz NOT NULL,
            ended_at        timestamptz NOT NULL,
            duration_s      double precision NOT NULL,
            peak_error_rate double precision NOT NULL,
            PRIMARY KEY (provider, started_at)
        );
        """;
}
