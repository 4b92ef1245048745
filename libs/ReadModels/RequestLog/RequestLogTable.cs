using TokenOptimizer.Contracts;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>usage_requests</c> (owner: Aggregation's request-log projection): one row per ingested call. Pages are read newest
/// first by <c>(occurred_at, seq)</c>, the primary key, scanned backwards; <c>seq</c> (the event's sequence) breaks ties
/// so the cursor is stable. Every index costs each of the millions of inserts, so there are only two more: by team
/// (a team-scoped key's pages, the narrowest common filter) and a partial one for failures, a small share of calls
/// (query it with <c>outcome &lt;&gt; 'succeeded'</c>, or <c>outcome = 'failed'</c>, which implies it). Pages filtered
/// by model, provider, feature or environment walk the primary key newest first and skip what does not match:
/// cheap for all but the rarest values. A re-price finds its row by <c>(occurred_at, request_id)</c>, the primary
/// key's prefix. <c>cost_usd</c> is NULL exactly when the call is unpriced: an unknown price is never $0.
/// Read through <see cref="RequestLogReader"/>.
/// </summary>
public static class RequestLogTable
{
    public const string Name = "usage_requests";

    /// <summary>The projection that writes it, by the name its progress is kept under.</summary>
    public const string ProjectionName = "usage_log";

    /// <summary>Spelled exactly as the partial failures index's predicate, so the planner can use that index.</summary>
    public const string FailuresOnly = $"outcome <> '{Outcomes.Succeeded}'";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            seq                 bigint           NOT NULL,
            request_id          text             NOT NULL,
            occurred_at         timestamptz      NOT NULL,
            provider            text             NOT NULL,
            model               text             NOT NULL,
            response_model      text,
            feature             text             NOT NULL,
            team                text             NOT NULL,
            environment         text             NOT NULL,
            user_id             text             NOT NULL,
            outcome             text             NOT NULL,
            error_type          text,
            error_code          text,
            error_message       text,
            service_tier        text,
            input_tokens        bigint           NOT NULL,
            output_tokens       bigint           NOT NULL,
            cached_input_tokens bigint           NOT NULL,
            cache_write_tokens  bigint           NOT NULL,
            cache_write_one_hour_tokens bigint   NOT NULL DEFAULT 0,
            reasoning_tokens    bigint           NOT NULL,
            latency_ms          double precision NOT NULL,
            ttft_ms             double precision,
            streaming           boolean          NOT NULL,
            priced              boolean          NOT NULL,
            cost_usd            numeric,
            capabilities        text[],
            api_key_id          text             NOT NULL DEFAULT '',
            PRIMARY KEY (occurred_at, seq),
            CHECK (priced = (cost_usd IS NOT NULL))
        );
        ALTER TABLE {Name} ADD COLUMN IF NOT EXISTS capabilities text[];
        ALTER TABLE {Name} ADD COLUMN IF NOT EXISTS response_model text;
        ALTER TABLE {Name} ADD COLUMN IF NOT EXISTS cache_write_one_hour_tokens bigint NOT NULL DEFAULT 0;
        ALTER TABLE {Name} ADD COLUMN IF NOT EXISTS api_key_id text NOT NULL DEFAULT '';
        CREATE INDEX IF NOT EXISTS {Name}_team_idx ON {Name} (team, occurred_at, seq);
        CREATE INDEX IF NOT EXISTS {Name}_failures_idx ON {Name} (occurred_at, seq) WHERE {FailuresOnly};
        DROP INDEX IF EXISTS {Name}_model_idx, {Name}_provider_idx, {Name}_feature_idx, {Name}_environment_idx, {Name}_request_id_idx;
        """;
}
