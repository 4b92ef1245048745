namespace TokenOptimizer.EventStore.Schema;

/// <summary>One row per projection: the sequence of the last event it applied.</summary>
internal static class ProjectionCheckpointsTable
{
    public const string Name = "projection_checkpoints";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            name       text PRIMARY KEY,
            position   bigint      NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );
        """;
}
