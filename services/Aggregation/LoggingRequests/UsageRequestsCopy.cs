using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>A call to add to the request log: its event's sequence, the record, and its newest cost.</summary>
internal sealed record UsageRequestRow(long Sequence, UsageRecorded Usage, UsageCost Cost);

/// <summary>
/// Inserts request-log rows with one binary COPY: catch-up writes a row per event, and COPY is several times
/// cheaper per row than INSERT. It runs in the connection's open transaction, the daemon's.
/// </summary>
internal static class UsageRequestsCopy
{
    private const string Copy = $"""
        COPY {RequestLogTable.Name} (
            seq, request_id, occurred_at, provider, model, feature, team, environment, user_id, outcome,
            error_type, error_code, error_message, service_tier,
            input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens,
            latency_ms, ttft_ms, streaming, priced, cost_usd, capabilities, response_model, cache_write_one_hour_tokens, api_key_id)
        FROM STDIN (FORMAT BINARY)
        """;

    public static async Task WriteAsync(IReadOnlyCollection<UsageRequestRow> rows, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var (sequence, usage, cost) in rows)
        {
            var dimensions = RollupCell.DimensionsOf(usage);
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(sequence, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(usage.RequestId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(usage.OccurredAt.UtcDateTime, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(dimensions.Provider, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(dimensions.Model, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(dimensions.Feature, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(dimensions.Team, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(dimensions.Environment, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(usage.UserId ?? "", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(dimensions.Outcome, NpgsqlDbType.Text, cancellationToken);
            await WriteTextOrNullAsync(importer, usage.ErrorType, cancellationToken);
            await WriteTextOrNullAsync(importer, usage.ErrorCode, cancellationToken);
            await WriteTextOrNullAsync(importer, usage.ErrorMessage, cancellationToken);
            await WriteTextOrNullAsync(importer, usage.ServiceTier, cancellationToken);
            await importer.WriteAsync(usage.InputTokens, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(usage.OutputTokens, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(usage.CachedInputTokens, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(usage.CacheWriteTokens, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(usage.ReasoningTokens, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(usage.LatencyMs, NpgsqlDbType.Double, cancellationToken);
            if (usage.TimeToFirstTokenMs is { } ttft)
            {
                await importer.WriteAsync(ttft, NpgsqlDbType.Double, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await importer.WriteAsync(usage.Streaming, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(cost.Priced, NpgsqlDbType.Boolean, cancellationToken);
            if (cost.Priced)
            {
                await importer.WriteAsync(cost.TotalUsd, NpgsqlDbType.Numeric, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            if (usage.Capabilities is { } capabilities)
            {
                await importer.WriteAsync(capabilities.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken);
            }

            await WriteTextOrNullAsync(importer, usage.ResponseModel, cancellationToken);
            await importer.WriteAsync(usage.CacheWriteOneHourTokens, NpgsqlDbType.Bigint, cancellationToken);
            await importer.WriteAsync(usage.ApiKeyId ?? "", NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteTextOrNullAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
}
