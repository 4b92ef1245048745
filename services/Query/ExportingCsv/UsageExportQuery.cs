using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ExportingCsv;

/// <summary>
/// Every call of a slice from the request log, oldest first, written as CSV while it is read
/// (<see cref="RequestLogReader.AllAsync"/> streams rows from PostgreSQL and each goes to the response at once), so
/// memory stays flat whatever the size. <c>cost_usd</c> is empty for an unpriced call.
/// </summary>
public sealed class UsageExportQuery(RequestLogReader log)
{
    private const int RowsPerFlush = 1_000;

    private static readonly string[] Columns =
    [
        "request_id", "occurred_at", "provider", "model", "feature", "team", "environment", "user_id", "api_key_id", "outcome",
        "error_type", "error_code", "error_message", "service_tier",
        "input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens",
        "latency_ms", "ttft_ms", "streaming", "cost_usd",
    ];

    public async Task WriteAsync(UsageSlice slice, CsvWriter csv, CancellationToken cancellationToken)
    {
        await csv.Names(Columns).EndRowAsync(cancellationToken);
        var rows = 0;
        await foreach (var call in log.AllAsync(slice, cancellationToken))
        {
            await csv.Text(call.RequestId).Instant(call.OccurredAt.UtcDateTime).Text(call.Provider).Text(call.Model).Text(call.Feature)
                .Text(call.Team).Text(call.Environment).Text(call.UserId).Text(call.ApiKeyId).Text(call.Outcome)
                .Text(call.ErrorType).Text(call.ErrorCode).Text(call.ErrorMessage).Text(call.ServiceTier)
                .Number(call.InputTokens).Number(call.OutputTokens).Number(call.CachedInputTokens).Number(call.CacheWriteTokens).Number(call.ReasoningTokens)
                .Number(call.LatencyMs).Number(call.TtftMs).Flag(call.Streaming).Number(call.CostUsd)
                .EndRowAsync(cancellationToken);
            if (++rows % RowsPerFlush == 0)
            {
                await csv.FlushAsync(cancellationToken);
            }
        }
    }
}
