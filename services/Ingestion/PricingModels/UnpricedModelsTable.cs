namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// Models seen without a price, with how many records wait for one: an admin's to-do list. Each model's count is spread
/// over slots (<see cref="Slots"/>), one per writing connection, and read as their sum: every group commit adds its
/// unpriced records in its own transaction, and on one row per model the writers queued behind each other's commits
/// (35.7% of the database's samples in bench/IngestThroughput's bus batch path were waits for that row's lock).
/// </summary>
internal static class UnpricedModelsTable
{
    public const string Name = "ingestion_unpriced_models";

    /// <summary>How many rows a model's count may be spread over: the writing connection's backend pid picks one.</summary>
    public const int Slots = 64;

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            provider   text        NOT NULL,
            model      text        NOT NULL,
            slot       smallint    NOT NULL DEFAULT 0,
            records    bigint      NOT NULL,
            first_seen timestamptz NOT NULL,
            last_seen  timestamptz NOT NULL,
            PRIMARY KEY (provider, model, slot)
        );
        ALTER TABLE {Name} ADD COLUMN IF NOT EXISTS slot smallint NOT NULL DEFAULT 0;
        DO $$
        BEGIN
            -- A table from before the slots: its rows become slot 0 and its key takes the slot in.
            IF NOT EXISTS (
                SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = '{Name}'::regclass AND i.indisprimary AND a.attname = 'slot') THEN
                ALTER TABLE {Name} DROP CONSTRAINT {Name}_pkey, ADD PRIMARY KEY (provider, model, slot);
            END IF;
        END $$;
        """;
}
