namespace TokenOptimizer.ReadModels;

// Questions answered per value of a split: latency, failures by type, tokens and prompt lengths per model.
public sealed partial class UsageRollupReader
{
    /// <summary>The merged latency and time-to-first-token sketches per value of <paramref name="by"/> (not the user's: it has no sketches).</summary>
    public Task<List<LatencyByKey>> LatencyByAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        if (by.DailyOnly)
        {
            throw new ArgumentException("Usage per user and API key is kept without latency sketches.", nameof(by));
        }

        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, $"{by.Column}, request_count, latency_sketch, ttft_sketch", filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: [by.Column]);
        return ReadAsync(filter, $"""
            SELECT {by.Column}, sum(request_count)::bigint,
                   array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL), array_agg(ttft_sketch) FILTER (WHERE ttft_sketch IS NOT NULL)
            FROM ({rows}) r GROUP BY {by.Column}
            """, turns, async reader =>
        {
            var keys = new List<LatencyByKey>();
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(new LatencyByKey(reader.GetString(0), reader.GetInt64(1), await MergedAsync(reader, 2, cancellationToken), await MergedAsync(reader, 3, cancellationToken)));
            }

            return keys;
        }, cancellationToken);
    }

    /// <summary>Calls and failures, in all and per error type, of each provider and model in the slice.</summary>
    public Task<List<FailureCounts>> FailuresByModelAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var typeColumns = UsageRollupTables.ErrorTypes.Select(UsageRollupTables.ErrorColumn).ToList();
        var rows = RollupUnion.Sql(slice, $"provider, model, request_count, failure_count, {string.Join(", ", typeColumns)}", filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: ["provider", "model"]);
        return ReadAsync(filter, $"""
            SELECT provider, model, sum(request_count)::bigint, sum(failure_count)::bigint, {string.Join(", ", typeColumns.Select(c => $"sum({c})::bigint"))}
            FROM ({rows}) r GROUP BY provider, model
            """, turns, async reader =>
        {
            var counts = new List<FailureCounts>();
            while (await reader.ReadAsync(cancellationToken))
            {
                counts.Add(new FailureCounts(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                    typeColumns.Select((_, i) => reader.GetInt64(4 + i)).ToArray()));
            }

            return counts;
        }, cancellationToken);
    }

    /// <summary>Tokens, prompt-size estimates and the prompt-length histogram of each model in the slice.</summary>
    public Task<List<ModelTokenSums>> TokensByModelAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        string[] estimates = ["estimated_count", "estimated_input_tokens", "estimated_actual_input_tokens", "estimate_abs_error_tokens"];
        var measures = new[] { "input_tokens", "output_tokens" }.Concat(estimates).Concat(UsageRollupTables.PromptLengthBuckets.Select(p => p.Column)).ToList();
        var filter = new SqlFilter();
        var rows = RollupUnion.Sql(slice, "model, " + string.Join(", ", measures), filter, clock.GetUtcNow(), MinuteRowsKeptFor, reads: ["model"]);
        return ReadAsync(filter, $"""
            SELECT model, {string.Join(", ", measures.Select(m => $"sum({m})::bigint"))}
            FROM ({rows}) r GROUP BY model
            """, turns, async reader =>
        {
            var sums = new List<ModelTokenSums>();
            while (await reader.ReadAsync(cancellationToken))
            {
                sums.Add(new ModelTokenSums(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2),
                    reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
                    UsageRollupTables.PromptLengthBuckets.Select((_, i) => reader.GetInt64(7 + i)).ToArray()));
            }

            return sums;
        }, cancellationToken);
    }
}
