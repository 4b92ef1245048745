namespace TokenOptimizer.Ingestion.Quarantining;

/// <summary>Records that failed validation, with their reasons: kept, never silently dropped.</summary>
internal static class QuarantineTable
{
    public const string Name = "ingestion_quarantine";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            received_at timestamptz NOT NULL DEFAULT now(),
            source      text        NOT NULL,
            request_id  text,
            record      jsonb       NOT NULL,
            reasons     jsonb       NOT NULL
        );
        CREATE INDEX IF NOT EXISTS {Name}_received_at ON {Name} (received_at DESC);
        """;
}
