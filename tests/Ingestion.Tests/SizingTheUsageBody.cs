using System.Text.Encodings.Web;
using System.Text.Json;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary><c>POST /v1/usage</c>'s default body limit holds a full batch of records at every bound.</summary>
public sealed class SizingTheUsageBody
{
    private static readonly JsonSerializerOptions Utf8 = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void ThousandMaximalRecords_FitTheDefaultLimit()
    {
        Assert.Empty(UsageUnderValidation.ErrorsOf(Maximal()));

        var batch = JsonSerializer.SerializeToUtf8Bytes(Enumerable.Repeat(Maximal(), UsageLimits.MaxBatchSize), Utf8);

        Assert.InRange(batch.Length, 20_000_000, new RequestLimitsOptions().MaxUsageBodyBytes);
    }

    private static UsageRecorded Maximal()
    {
        var identifier = new string('é', UsageLimits.IdentifierMaxLength); // 200 characters, 400 bytes
        return UsageUnderValidation.Valid() with
        {
            RequestId = identifier, Provider = identifier, Model = identifier, Feature = identifier, Team = identifier,
            Environment = identifier, UserId = identifier, ApiKeyId = identifier, ErrorCode = identifier,
            ErrorMessage = new string('字', UsageLimits.ErrorMessageMaxLength),
            InputTokens = UsageLimits.MaxTokens, CachedInputTokens = UsageLimits.MaxTokens, CacheWriteTokens = 0,
            OutputTokens = UsageLimits.MaxTokens, ReasoningTokens = UsageLimits.MaxTokens, EstimatedInputTokens = UsageLimits.MaxTokens,
            LatencyMs = UsageLimits.MaxLatencyMs - 0.123456789, TimeToFirstTokenMs = UsageLimits.MaxLatencyMs - 0.987654321,
            ReportedCostUsd = 999_999.9999999999m, BilledAmountUsd = 999_999.9999999999m,
            Outcome = Outcomes.Failed, ErrorType = ErrorTypes.ContentFilter, ServiceTier = ServiceTiers.Priority,
            Capabilities = [.. Enumerable.Repeat(CallCapabilities.JsonSchema, UsageLimits.MaxCapabilities)],
            Tags = Enumerable.Range(0, UsageLimits.MaxTags).ToDictionary(i => identifier[..^2] + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), _ => identifier),
        };
    }
}
