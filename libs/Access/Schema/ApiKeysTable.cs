namespace TokenOptimizer.Access.Schema;

/// <summary>One row per API key. The secret is kept only as its SHA-256 hash.</summary>
public static class ApiKeysTable
{
    /// <summary>
    /// The table's name, schema-qualified: every service shares the keys, including one whose connections put its own
    /// schema first on the search path (Recommendations).
    /// </summary>
    public const string Name = "public.api_keys";

    internal const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            key_id      text        PRIMARY KEY,
            name        text        NOT NULL,
            role        text        NOT NULL CHECK (role IN ('ingest', 'read', 'admin')),
            team        text,
            secret_hash bytea       NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now(),
            revoked_at  timestamptz
        );
        """;
}
