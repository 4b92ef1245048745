namespace TokenOptimizer.EventStore.Schema;

/// <summary>The append-only event log: one row per event, numbered by a global sequence.</summary>
internal static class EventsTable
{
    public const string Name = "events";

    public const string Ddl = $"""
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
