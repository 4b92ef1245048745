namespace TokenOptimizer.EventStore.Schema;

/// <summary>
/// The append-only event log: one row per event, numbered by a global sequence. Public so that admin
/// queries filtering on event data (which the log's API does not offer) name the table from one place.
/// </summary>
public static class EventsTable
{
    /// <summary>The table's name.</summary>
    public const string Name = "events";

    internal const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            stream_id   text        NOT NULL,
            version     integer     NOT NULL,
            type        text        NOT NULL,
            data        jsonb       NOT NULL,
            metadata    jsonb,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            CONSTRAINT events_stream_version UNIQUE (stream_id, version)
        );
        """;
}
