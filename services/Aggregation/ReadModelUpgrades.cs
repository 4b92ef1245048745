using Npgsql;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation;

/// <summary>
/// One-off upgrades of read models made by earlier versions, run before their tables are created: each empties what
/// cannot be upgraded in place and rewinds its old projection's checkpoint (such read models were only ever made before
/// Marten: <see cref="OldCheckpoints"/> then finds the projections at different events and rebuilds every read model),
/// or says the read models must be rebuilt through Marten's daemon (rollups made before a rollup table or column existed).
/// </summary>
public static class ReadModelUpgrades
{
    public static string Ddl => AvailabilityByModel + StateIntoGrains + KeyInCallerRollups;

    /// <summary>
    /// Whether the rollups were made before a rollup table (the totals, then the per-dimension rows) or a measure column
    /// existed, run before <see cref="Ddl"/> creates them: such rollups cannot be filled in place (the per-dimension
    /// sketches and the new measures need every event), so the read models are rebuilt through the composite from the
    /// first event. What retention deleted before is kept in the retired parts, whose new columns stay zero.
    /// </summary>
    public static async Task<bool> RollupsLackATableOrColumnAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var day = RollupGranularity.Day;
        string[] measures = [.. UsageRollupTables.CountColumns, .. UsageRollupTables.AmountColumns];
        await using var command = new NpgsqlCommand($"""
            SELECT to_regclass('{day.Table}') IS NOT NULL AND (to_regclass('{day.TotalsTable}') IS NULL OR to_regclass('{day.DimensionTable}') IS NULL
                OR (SELECT count(*) FROM information_schema.columns
                    WHERE table_schema = current_schema() AND table_name = '{day.Table}' AND column_name = ANY($1)) < $2)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = measures });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)measures.Length });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // Before models had their own health, minutes were kept per provider only: such a table is replaced, and the
    // projection rebuilt from zero so the new one is filled (the grains skip the events they applied already).
    private const string AvailabilityByModel = $"""
        DO $$ BEGIN
            IF to_regclass('{ProviderHealthTables.AvailabilityMinute}') IS NOT NULL AND to_regclass('{OldCheckpoints.Table}') IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM information_schema.columns WHERE table_name = '{ProviderHealthTables.AvailabilityMinute}' AND column_name = 'model') THEN
                DROP TABLE {ProviderHealthTables.AvailabilityMinute};
                UPDATE {OldCheckpoints.Table} SET position = 0 WHERE name = '{ProviderHealthProjection.ProjectionName}';
            END IF;
        END $$;
        """;

    // Before the caller rollups kept the API key, their key was (day, user, dimensions): the column joins the key, and
    // rows rolled up before it count as no key until the read models are rebuilt (POST /v1/projections/{name}/rebuild).
    private static string KeyInCallerRollups => string.Concat(new[] { UserRollupTable.Name, RetiredTables.Of(UserRollupTable.Name) }.Select(table => $"""
        DO $$ BEGIN
            IF to_regclass('{table}') IS NOT NULL AND NOT EXISTS (
                SELECT 1 FROM information_schema.columns WHERE table_name = '{table}' AND column_name = 'api_key_id') THEN
                ALTER TABLE {table} ADD COLUMN api_key_id text NOT NULL DEFAULT '';
                ALTER TABLE {table} DROP CONSTRAINT {table}_pkey;
                ALTER TABLE {table} ADD PRIMARY KEY ({string.Join(", ", UserRollupTable.KeyColumns.Select(c => c.Name))});
            END IF;
        END $$;
        """));

    // Before the grains held circuits, incidents and budget crossings, the projections kept them in these tables.
    private const string StateIntoGrains = """
        DROP TABLE IF EXISTS provider_circuit;
        DROP TABLE IF EXISTS provider_incidents;
        DROP TABLE IF EXISTS budget_alerts;
        """;
}
