using Npgsql;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.ReadingUsageLog;

/// <summary>
/// Pages of <c>usage_requests</c>, newest first, by keyset: a page is the rows strictly below the cursor's
/// <c>(occurred_at, seq)</c>, one index range read backwards, so page 1 000 costs what page 1 does. One row more
/// than asked tells whether another page follows.
/// </summary>
public sealed class UsageLogQuery(NpgsqlDataSource dataSource)
{
    public const string Table = "usage_requests";

    // Spelled exactly as the partial failures index's predicate, so the planner can use that index.
    public const string FailuresOnly = "outcome <> 'succeeded'";

    private const string Columns = """
        seq, request_id, occurred_at, provider, model, feature, team, environment, user_id, outcome, error_type, error_code, error_message,
        input_tokens, output_tokens, cached_input_tokens, reasoning_tokens, latency_ms, ttft_ms, streaming, cost_usd
        """;

    public async Task<UsageLogPage> GetAsync(UsageSlice slice, PageRequest page, bool failuresOnly, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var where = filter.Where(slice, "occurred_at");
        if (failuresOnly)
        {
            where += " AND " + FailuresOnly;
        }

        if (page.After is { } after)
        {
            where += $" AND (occurred_at, seq) < ({filter.Add(after.OccurredAt)}, {filter.Add(after.Sequence)})";
        }

        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource,
            $"SELECT {Columns} FROM {Table} WHERE {where} ORDER BY occurred_at DESC, seq DESC LIMIT {page.First + 1}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var edges = new List<UsageLogEdge>(page.First);
        var hasNextPage = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (edges.Count == page.First)
            {
                hasNextPage = true;
                break;
            }

            var cursor = new LogCursor(reader.GetDateTime(2), reader.GetInt64(0));
            edges.Add(new UsageLogEdge(cursor.Encode(), await ReadAsync(reader, cancellationToken)));
        }

        return new UsageLogPage(edges, new PageInfo(hasNextPage, edges.Count == 0 ? null : edges[^1].Cursor));
    }

    private static async Task<LoggedRequest> ReadAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) => new()
    {
        RequestId = reader.GetString(1),
        OccurredAt = new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero),
        Provider = reader.GetString(3),
        Model = reader.GetString(4),
        Feature = reader.GetString(5),
        Team = reader.GetString(6),
        Environment = reader.GetString(7),
        UserId = reader.GetString(8),
        Outcome = reader.GetString(9),
        ErrorType = await reader.IsDBNullAsync(10, cancellationToken) ? null : reader.GetString(10),
        ErrorCode = await reader.IsDBNullAsync(11, cancellationToken) ? null : reader.GetString(11),
        ErrorMessage = await reader.IsDBNullAsync(12, cancellationToken) ? null : reader.GetString(12),
        InputTokens = reader.GetInt64(13),
        OutputTokens = reader.GetInt64(14),
        CachedInputTokens = reader.GetInt64(15),
        ReasoningTokens = reader.GetInt64(16),
        LatencyMs = reader.GetDouble(17),
        TtftMs = await reader.IsDBNullAsync(18, cancellationToken) ? null : reader.GetDouble(18),
        Streaming = reader.GetBoolean(19),
        CostUsd = await reader.IsDBNullAsync(20, cancellationToken) ? null : reader.GetDecimal(20),
    };
}
