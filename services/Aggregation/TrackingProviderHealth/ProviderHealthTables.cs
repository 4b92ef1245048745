using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// <c>provider_availability_minute</c>: calls and failures per provider, model and minute, for uptime and rates.
/// Circuits and incidents live in the providers' grains (<see cref="ProviderHealthGrain"/>).
/// </summary>
public static class ProviderHealthTables
{
    public const string AvailabilityMinute = "provider_availability_minute";

    // Before models had their own health, minutes were kept per provider only: such a table is replaced, and the
    // projection rebuilt from zero so the new one is filled. Before the grains held circuits and incidents, the
    // projection kept them in provider_circuit and provider_incidents: those go (a circuit starts closed in its grain).
    public const string Ddl = $"""
        DO $$ BEGIN
            IF to_regclass('{AvailabilityMinute}') IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM information_schema.columns WHERE table_name = '{AvailabilityMinute}' AND column_name = 'model') THEN
                DROP TABLE {AvailabilityMinute};
                UPDATE {ProjectionCheckpointsTable.Name} SET position = 0 WHERE name = '{ProviderHealthProjection.ProjectionName}';
            END IF;
        END $$;
        DROP TABLE IF EXISTS provider_circuit;
        DROP TABLE IF EXISTS provider_incidents;
        CREATE TABLE IF NOT EXISTS {AvailabilityMinute} (
            provider          text        NOT NULL,
            model             text        NOT NULL,
            minute            timestamptz NOT NULL,
            request_count     bigint      NOT NULL,
            failure_count     bigint      NOT NULL,
            provider_failures bigint      NOT NULL,
            PRIMARY KEY (provider, model, minute)
        );
        """;
}
