using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>
/// <c>usage_requests</c>: one row per ingested call, for the request log. Pages are read newest first by
/// <c>(occurred_at, seq)</c>, the primary key, scanned backwards; <c>seq</c> (the event's sequence) breaks ties
/// so the cursor is stable. Every index costs each of the millions of inserts, so there are only two more: by team
/// (a team-scoped key's pages, the narrowest common filter) and a partial one for failures, a small share of calls
/// (query it with <c>outcome &lt;&gt; 'succeeded'</c>, or <c>outcome = 'failed'</c>, which implies it). Pages filtered
/// by model, provider, feature or environment walk the primary key newest first and skip what does not match:
/// cheap for all but the rarest values. A re-price finds its row by <c>(occurred_at, request_id)</c>, the primary
/// key's prefix. <c>cost_usd</c> is NULL exactly when the call is unpriced: an unknown price is never $0.
/// </summary>
public static class UsageLogTables
{
    public const string Requests = "usage_requests";

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Requests} (
            seq                 bigint           NOT NULL,
            request_id          text             NOT NULL,
            occurred_at         timestamptz      NOT NULL,
            provider            text             NOT NULL,
            model               text             NOT NULL,
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
            reasoning_tokens    bigint           NOT NULL,
            latency_ms          double precision NOT NULL,
            ttft_ms             double precision,
            streaming           boolean          NOT NULL,
            priced              boolean          NOT NULL,
            cost_usd            numeric,
            capabilities        text[],
            PRIMARY KEY (occurred_at, seq),
            CHECK (priced = (cost_usd IS NOT NULL))
        );
        ALTER TABLE {Requests} ADD COLUMN IF NOT EXISTS capabilities text[];
        CREATE INDEX IF NOT EXISTS {Requests}_team_idx ON {Requests} (team, occurred_at, seq);
        CREATE INDEX IF NOT EXISTS {Requests}_failures_idx ON {Requests} (occurred_at, seq) WHERE outcome <> '{Outcomes.Succeeded}';
        DROP INDEX IF EXISTS {Requests}_model_idx, {Requests}_provider_idx, {Requests}_feature_idx, {Requests}_environment_idx, {Requests}_request_id_idx;
        """;
}
