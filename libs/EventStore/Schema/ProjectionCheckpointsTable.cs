namespace TokenOptimizer.EventStore.Schema;

/// <summary>
/// One row per projection: the sequence of the last event it applied. Public so that readers of the read models
/// (a cache that must notice them advance, a migration that restarts a projection) name it from one place.
/// </summary>
public static class ProjectionCheckpointsTable
{
    /// <summary>The table's name.</summary>
    public const string Name = "projection_checkpoints";

    internal const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            name       text PRIMARY KEY,
            position   bigint      NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """;
}
