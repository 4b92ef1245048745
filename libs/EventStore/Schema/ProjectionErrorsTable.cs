namespace TokenOptimizer.EventStore.Schema;

/// <summary>
/// Events a projection skipped: unreadable (unknown type, malformed payload) or failing when applied
/// on their own. One row per projection and event, so a skipped event is never silently lost.
/// </summary>
public static class ProjectionErrorsTable
{
    /// <summary>The table's name.</summary>
    public const string Name = "projection_errors";

    internal const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            projection  text        NOT NULL,
            seq         bigint      NOT NULL,
            type        text        NOT NULL,
            reason      text        NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (projection, seq)
        );
        """;
}
