using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.TypeScriptSdk.Tests;

/// <summary>What the TypeScript SDK sent is in the event log with the contract's counts; what Ingestion refused is not.</summary>
[Collection(TypeScriptSdkCollection.Name)]
public sealed class StoringWhatTheTypeScriptSdkSent(TypeScriptSdkRun run)
{
    public static TheoryData<string> Delivered => new(ExpectedUsage.Delivered.Select(e => e.Name));

    public static TheoryData<string> AfterOutage => new(ExpectedUsage.AfterOutage.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Delivered))]
    public async Task EachCall_IsStoredWithTheContractsCountsAndItsProvider(string name)
    {
        var expected = ExpectedUsage.Delivered.Single(e => e.Name == name);

        var stored = await StoredAsync(expected);

        AssertStored(expected, stored.Usage);
        Assert.Equal("http", stored.Source);
    }

    [Theory]
    [InlineData("openai-stream")]
    [InlineData("anthropic-stream")]
    public async Task StreamedCall_HasAFirstTokenBeforeItsEnd(string name)
    {
        var stored = await StoredAsync(ExpectedUsage.Delivered.Single(e => e.Name == name));

        // The stub sends its events 20 ms apart, the first text after the first event: the first token comes after
        // at least one gap, and the stream ends at least one more gap later.
        Assert.NotNull(stored.Usage.TimeToFirstTokenMs);
        Assert.InRange(stored.Usage.TimeToFirstTokenMs.Value, 15, stored.Usage.LatencyMs - 15);
    }

    [Theory]
    [MemberData(nameof(AfterOutage))]
    public async Task RecordBufferedDuringTheOutage_ArrivesAfterIngestionReturns(string name)
    {
        var expected = ExpectedUsage.AfterOutage.Single(e => e.Name == name);

        var stored = await StoredAsync(expected);

        AssertStored(expected, stored.Usage);
        Assert.NotNull(run.OutageEndedAt);
        Assert.True(stored.IngestedAt >= run.OutageEndedAt, $"ingested at {stored.IngestedAt:O}, before Ingestion was started at {run.OutageEndedAt:O}");
        Assert.True(stored.Usage.OccurredAt < run.OutageEndedAt, "the call should have happened during the outage");
    }

    [Fact]
    public async Task RecordIngestionRefused_IsQuarantined_NotStored()
    {
        Assert.Null(await run.FindIngestedAsync("too-many-tags"));
        Assert.Equal(1, await run.CountQuarantinedAsync("too-many-tags"));
    }

    [Fact]
    public async Task RecordSentWithAWrongKey_IsNeitherStoredNorQuarantined()
    {
        Assert.Null(await run.FindIngestedAsync("wrong-key"));
        Assert.Equal(0, await run.CountQuarantinedAsync("wrong-key"));
    }

    private async Task<UsageIngested> StoredAsync(ExpectedUsage expected)
    {
        var stored = await run.FindIngestedAsync(expected.Name, expected.Team);
        Assert.True(stored is not null, $"{run.RequestId(expected.Name)} is not in the event log. Vitest output:\n{run.Output}");
        return stored;
    }

    private static void AssertStored(ExpectedUsage expected, UsageRecorded usage)
    {
        Assert.Equal(
            (expected.Provider, expected.Model, expected.ResponseModel, expected.Feature, expected.Team, expected.Outcome, expected.ErrorType, expected.ErrorCode),
            (usage.Provider, usage.Model, usage.ResponseModel, usage.Feature, usage.Team, usage.Outcome, usage.ErrorType, usage.ErrorCode));
        Assert.Equal(
            (expected.Input, expected.Cached, expected.CacheWrite, expected.CacheWriteOneHour, expected.Output, expected.Reasoning),
            (usage.InputTokens, usage.CachedInputTokens, usage.CacheWriteTokens, usage.CacheWriteOneHourTokens, usage.OutputTokens, usage.ReasoningTokens));
        Assert.Equal(expected.Streaming, usage.Streaming);
        Assert.Equal(expected.ReportedCostUsd, usage.ReportedCostUsd);
        Assert.InRange(usage.LatencyMs, 0, 60_000);
    }
}
