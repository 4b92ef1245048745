using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation;

/// <summary>
/// One-off upgrades of read models made by earlier versions, run before their tables are created: each empties what
/// cannot be upgraded in place and rewinds its projection, which refills it from the first event.
/// </summary>
public static class ReadModelUpgrades
{
    public static string Ddl => RollupTotals + RollupsPerDimension + AvailabilityByModel + StateIntoGrains;

    // Rollups made before the totals tables existed are rebuilt from zero, so the totals are filled from the first event.
    private static string RollupTotals => RollupsRebuiltFromZero(RollupGranularity.Day.Table, RollupGranularity.Day.TotalsTable, g => [g.Table]);

    // Likewise for rollups made before the per-dimension tables existed (the totals exist by then: they are emptied too).
    private static string RollupsPerDimension =>
        RollupsRebuiltFromZero(RollupGranularity.Day.TotalsTable, RollupGranularity.Day.DimensionTable, g => [g.Table, g.TotalsTable]);

    // When `existing` exists and `missing` does not, empties each granularity's `emptied` tables and rewinds the projection.
    private static string RollupsRebuiltFromZero(string existing, string missing, Func<RollupGranularity, string[]> emptied) => $"""
        DO $$ BEGIN
            IF to_regclass('{existing}') IS NOT NULL AND to_regclass('{missing}') IS NULL THEN
                {string.Concat(RollupGranularity.All.SelectMany(emptied).Select(t => $"TRUNCATE {t}; "))}
                UPDATE {ProjectionCheckpointsTable.Name} SET position = 0 WHERE name = '{UsageRollupProjection.ProjectionName}';
            END IF;
        END $$;
        """;

    // Before models had their own health, minutes were kept per provider only: such a table is replaced, and the
    // projection rebuilt from zero so the new one is filled (the grains skip the events they applied already).
    private const string AvailabilityByModel = $"""
        DO $$ BEGIN
            IF to_regclass('{ProviderHealthTables.AvailabilityMinute}') IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM information_schema.columns WHERE table_name = '{ProviderHealthTables.AvailabilityMinute}' AND column_name = 'model') THEN
                DROP TABLE {ProviderHealthTables.AvailabilityMinute};
                UPDATE {ProjectionCheckpointsTable.Name} SET position = 0 WHERE name = '{ProviderHealthProjection.ProjectionName}';
            END IF;
        END $$;
        """;

    // Before the grains held circuits, incidents and budget crossings, the projections kept them in these tables.
    private const string StateIntoGrains = """
        DROP TABLE IF EXISTS provider_circuit;
        DROP TABLE IF EXISTS provider_incidents;
        DROP TABLE IF EXISTS budget_alerts;
        """;
}
