using System.Text.Json;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Contracts.Tests;

/// <summary>
/// The contract's JSON shape is frozen: producers in other languages and old message versions depend
/// on it. A field may be added (add it to the snapshot too); none may be renamed, retyped or removed.
/// </summary>
public sealed class FreezingContracts
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static UsageRecorded FullRecord() => new()
    {
        RequestId = "req-1",
        OccurredAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Provider = "openai",
        Model = "gpt-4o",
        ResponseModel = "gpt-4o-2024-08-06",
        Feature = "chat",
        Team = "platform",
        Environment = "production",
        UserId = "u-1",
        ApiKeyId = "key-1",
        InputTokens = 1000,
        OutputTokens = 300,
        CachedInputTokens = 200,
        CacheWriteTokens = 100,
        CacheWriteOneHourTokens = 40,
        ReasoningTokens = 50,
        LatencyMs = 850.5,
        TimeToFirstTokenMs = 120,
        Streaming = true,
        Outcome = Outcomes.Failed,
        ErrorType = ErrorTypes.RateLimit,
        ErrorCode = "429",
        ErrorMessage = "slow down",
        ServiceTier = ServiceTiers.Batch,
        EstimatedInputTokens = 990,
        ReportedCostUsd = 0.0123m,
        BilledAmountUsd = 0.05m,
        Capabilities = [CallCapabilities.Vision, CallCapabilities.Tools],
        Tags = new Dictionary<string, string> { ["region"] = "eu" },
    };

    [Fact]
    public void UsageRecorded_KeepsItsV1Shape()
    {
        var expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Snapshots", "UsageRecorded.v1.json")).Trim();

        var actual = JsonSerializer.Serialize(FullRecord(), Web);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void UsageRecorded_RoundTripsWithoutLoss()
    {
        var record = FullRecord();

        var back = JsonSerializer.Deserialize<UsageRecorded>(JsonSerializer.Serialize(record, Web), Web)!;

        Assert.Equal(record with { Tags = null, Capabilities = null }, back with { Tags = null, Capabilities = null });
        Assert.Equal(record.Tags, back.Tags);
        Assert.Equal(record.Capabilities, back.Capabilities);
    }

    [Fact]
    public void UsageRecorded_HasNoFieldForPromptOrCompletionText()
    {
        var names = typeof(UsageRecorded).GetProperties().Select(p => p.Name.ToLowerInvariant());

        Assert.DoesNotContain(names, n => n.Contains("prompt") || n.Contains("completion") || n.Contains("content") || n.Contains("messages"));
    }

    [Fact]
    public void MessageTypes_StayInTheirWireNamespace() =>
        Assert.Equal("TokenOptimizer.Contracts", typeof(UsageRecorded).Namespace);
}
