using TokenOptimizer.Contracts;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.SystemTests.UsingThePythonSdk;

/// <summary>What the Python side sent is in the event log with the contract's counts; what Ingestion refused is not.</summary>
[Collection(InTurnCollection.Name)]
public sealed class StoringWhatThePythonSdkSent(SharedSystem system)
{
    public static TheoryData<string> Delivered => new(ExpectedUsage.Delivered.Select(e => e.Name));

    public static TheoryData<string> AfterOutage => new(ExpectedUsage.AfterOutage.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Delivered))]
    public async Task EachProviderShape_IsStoredWithTheContractsCounts(string name)
    {
        var expected = ExpectedUsage.Delivered.Single(e => e.Name == name);

        var stored = await StoredAsync(expected);

        AssertStored(expected, stored.Usage);
        Assert.Equal("sdk-tests", stored.Usage.Environment);
        Assert.Equal("http", stored.Source);
    }

    [Theory]
    [MemberData(nameof(AfterOutage))]
    public async Task RecordBufferedDuringTheOutage_ArrivesAfterIngestionReturns(string name)
    {
        var run = await PythonSdkRun.OnceAsync(system);
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
        var run = await PythonSdkRun.OnceAsync(system);
        Assert.Null(await run.FindIngestedAsync("too-many-tags"));
        Assert.Equal(1, await run.CountQuarantinedAsync("too-many-tags"));
    }

    [Fact]
    public async Task RecordSentWithAWrongKey_IsNeitherStoredNorQuarantined()
    {
        var run = await PythonSdkRun.OnceAsync(system);
        Assert.Null(await run.FindIngestedAsync("wrong-key"));
        Assert.Equal(0, await run.CountQuarantinedAsync("wrong-key"));
    }

    private async Task<UsageIngested> StoredAsync(ExpectedUsage expected)
    {
        var run = await PythonSdkRun.OnceAsync(system);
        var stored = await run.FindIngestedAsync(expected.Name, expected.Team);
        Assert.True(stored is not null, $"{run.RequestId(expected.Name)} is not in the event log. unittest output:\n{run.Report.Output}");
        return stored;
    }

    private static void AssertStored(ExpectedUsage expected, UsageRecorded usage)
    {
        Assert.Equal(
            (expected.Provider, expected.Model, expected.Feature, expected.Team, expected.Outcome, expected.ErrorType, expected.ErrorCode),
            (usage.Provider, usage.Model, usage.Feature, usage.Team, usage.Outcome, usage.ErrorType, usage.ErrorCode));
        Assert.Equal(
            (expected.Input, expected.Cached, expected.CacheWrite, expected.Output, expected.Reasoning),
            (usage.InputTokens, usage.CachedInputTokens, usage.CacheWriteTokens, usage.OutputTokens, usage.ReasoningTokens));
        Assert.InRange(usage.LatencyMs, 0, 60_000);
        Assert.Equal(expected.Streaming, usage.Streaming);
        if (expected.Streaming)
        {
            Assert.NotNull(usage.TimeToFirstTokenMs);
            Assert.InRange(usage.TimeToFirstTokenMs.Value, 0, usage.LatencyMs);
        }

        Assert.Equal(expected.ReportedCostUsd, usage.ReportedCostUsd);
    }
}
