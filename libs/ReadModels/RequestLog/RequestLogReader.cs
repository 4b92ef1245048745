using System.Runtime.CompilerServices;
using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// The one reader of the request log (<see cref="RequestLogTable"/>): pages newest first by keyset, the whole log of a
/// slice as a stream, and (in <c>RequestLogReader.Profiles.cs</c>) the usage profiles advice is computed from.
/// </summary>
public sealed partial class RequestLogReader(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        seq, request_id, occurred_at, provider, model, feature, team, environment, user_id, outcome, error_type, error_code, error_message,
        service_tier, input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, streaming, cost_usd,
        response_model, cache_write_one_hour_tokens, api_key_id
        """;

    /// <summary>
    /// Up to <paramref name="first"/> calls of the slice strictly below <paramref name="after"/>, newest first: one index
    /// range read backwards, so page 1 000 costs what page 1 does. One row more than asked tells whether another page follows.
    /// </summary>
    public async Task<RequestLogPage> PageAsync(UsageSlice slice, int first, LogCursor? after, bool failuresOnly, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var where = filter.Where(slice, "occurred_at");
        if (failuresOnly)
        {
            where += " AND " + RequestLogTable.FailuresOnly;
        }

        if (after is { } cursor)
        {
            where += $" AND (occurred_at, seq) < ({filter.Add(cursor.OccurredAt)}, {filter.Add(cursor.Sequence)})";
        }

        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource,
            $"SELECT {Columns} FROM {RequestLogTable.Name} WHERE {where} ORDER BY occurred_at DESC, seq DESC LIMIT {first + 1}");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(LogCursor, LoggedRequest)>(first);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == first)
            {
                return new RequestLogPage(rows, HasMore: true);
            }

            rows.Add((new LogCursor(reader.GetDateTime(2), reader.GetInt64(0)), await ReadAsync(reader, cancellationToken)));
        }

        return new RequestLogPage(rows, HasMore: false);
    }

    /// <summary>
    /// Every call of the slice, oldest first, as it is read: the rows stream from PostgreSQL, so memory stays flat whatever
    /// the size. No time limit on the whole read (a big export legitimately runs long); cancelling stops it.
    /// </summary>
    public async IAsyncEnumerable<LoggedRequest> AllAsync(UsageSlice slice, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        await using var command = filter.Command(dataSource, $"""
            SELECT {Columns} FROM {RequestLogTable.Name}
            WHERE {filter.Where(slice, "occurred_at")} ORDER BY occurred_at, seq
            """);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return await ReadAsync(reader, cancellationToken);
        }
    }

    /// <summary>When the first call at or after <paramref name="from"/> occurred; null when there is none.</summary>
    public async Task<DateTimeOffset?> FirstCallSinceAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT min(occurred_at) FROM {RequestLogTable.Name} WHERE occurred_at >= $1");
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime first ? new DateTimeOffset(first, TimeSpan.Zero) : null;
    }

    /// <summary>A feature's priced calls and their mean cost (rounded to 12 places) in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<(long Requests, decimal CostPerRequestUsd)> FeatureCostPerRequestAsync(string feature, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT count(*), coalesce(round(avg(cost_usd), 12), 0) FROM {RequestLogTable.Name} WHERE feature = $1 AND priced AND occurred_at >= $2 AND occurred_at < $3");
        command.Parameters.Add(new NpgsqlParameter { Value = feature });
        command.Parameters.Add(new NpgsqlParameter { Value = from.UtcDateTime });
        command.Parameters.Add(new NpgsqlParameter { Value = to.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetDecimal(1));
    }

    // The row as Columns selects it.
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
        ServiceTier = await reader.IsDBNullAsync(13, cancellationToken) ? null : reader.GetString(13),
        InputTokens = reader.GetInt64(14),
        OutputTokens = reader.GetInt64(15),
        CachedInputTokens = reader.GetInt64(16),
        CacheWriteTokens = reader.GetInt64(17),
        ReasoningTokens = reader.GetInt64(18),
        LatencyMs = reader.GetDouble(19),
        TtftMs = await reader.IsDBNullAsync(20, cancellationToken) ? null : reader.GetDouble(20),
        Streaming = reader.GetBoolean(21),
        CostUsd = await reader.IsDBNullAsync(22, cancellationToken) ? null : reader.GetDecimal(22),
        ResponseModel = await reader.IsDBNullAsync(23, cancellationToken) ? null : reader.GetString(23),
        CacheWriteOneHourTokens = reader.GetInt64(24),
        ApiKeyId = reader.GetString(25),
    };
}
