using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary>Stored events are read by other services and by every rebuild: their JSON names never change (the event store serialises with these options).</summary>
public sealed class StoringUsageEvents
{
    private static readonly JsonSerializerOptions Stored = UsageEventStore.SerializerOptions();

    [Fact]
    public void UsageIngested_IsStoredWithItsCamelCaseFieldNames_AndRoundTrips()
    {
        var ingested = new UsageIngested
        {
            Usage = new UsageRecorded
            {
                RequestId = "r-1", OccurredAt = DateTimeOffset.UnixEpoch, Provider = "openai", Model = "gpt-4o",
                InputTokens = 10, OutputTokens = 5, Outcome = Outcomes.Succeeded, Tags = new Dictionary<string, string> { ["a"] = "b" },
            },
            Cost = new UsageCost { Priced = true, PriceVersion = "v1", InputUsd = 0.000025m, TotalUsd = 0.000075m },
            IngestedAt = DateTimeOffset.UnixEpoch,
            Source = "http",
        };

        var json = JsonSerializer.Serialize(ingested, Stored);
        using var document = JsonDocument.Parse(json);

        var root = document.RootElement;
        Assert.Equal("r-1", root.GetProperty("usage").GetProperty("requestId").GetString());
        Assert.Equal(0.000075m, root.GetProperty("cost").GetProperty("totalUsd").GetDecimal());
        Assert.Equal("http", root.GetProperty("source").GetString());
        Assert.False(root.GetProperty("usage").TryGetProperty("team", out _), "nulls are left out");
        var back = JsonSerializer.Deserialize<UsageIngested>(json, Stored)!;
        Assert.Equal(ingested.Cost, back.Cost);
        Assert.Equal("b", back.Usage.Tags!["a"]);
    }

    [Fact]
    public void ZeroCountsAndCosts_AreLeftOut_AndReadBackAsZero_ButAnUnpricedCallSaysSo()
    {
        var ingested = new UsageIngested
        {
            Usage = new UsageRecorded
            {
                RequestId = "r-2", OccurredAt = DateTimeOffset.UnixEpoch, Provider = "openai", Model = "gpt-4o",
                InputTokens = 10, OutputTokens = 0, ReasoningTokens = 0, LatencyMs = 0, Streaming = false, Outcome = Outcomes.Failed,
            },
            Cost = new UsageCost { Priced = false, InputUsd = 0m, TotalUsd = 0.00m, UnpricedReason = "unknown model" },
            IngestedAt = DateTimeOffset.UnixEpoch,
            Source = "bus",
        };

        var json = JsonSerializer.Serialize(ingested, Stored);
        using var document = JsonDocument.Parse(json);

        var usage = document.RootElement.GetProperty("usage");
        var cost = document.RootElement.GetProperty("cost");
        Assert.Equal(10, usage.GetProperty("inputTokens").GetInt64());
        Assert.All(["outputTokens", "reasoningTokens", "latencyMs", "streaming"], name => Assert.False(usage.TryGetProperty(name, out _), name));
        Assert.All(["inputUsd", "totalUsd"], name => Assert.False(cost.TryGetProperty(name, out _), name));
        Assert.False(cost.GetProperty("priced").GetBoolean());
        var back = JsonSerializer.Deserialize<UsageIngested>(json, Stored)!;
        Assert.Equal(ingested.Cost, back.Cost);
        Assert.Equal((10L, 0L, 0L, 0.0, false), (back.Usage.InputTokens, back.Usage.OutputTokens, back.Usage.ReasoningTokens, back.Usage.LatencyMs, back.Usage.Streaming));
    }

    [Fact]
    public void ResponseModelAndOneHourWrites_AreStored_AndAnEventWrittenBeforeThemStillReads()
    {
        var ingested = new UsageIngested
        {
            Usage = new UsageRecorded
            {
                RequestId = "r-3", OccurredAt = DateTimeOffset.UnixEpoch, Provider = "anthropic", Model = "claude-sonnet-4",
                ResponseModel = "claude-sonnet-4-20250514", InputTokens = 10, CacheWriteTokens = 8, CacheWriteOneHourTokens = 6,
                Outcome = Outcomes.Succeeded,
            },
            Cost = new UsageCost { Priced = false },
            IngestedAt = DateTimeOffset.UnixEpoch,
            Source = "http",
        };
        const string Old = """
            {"usage":{"requestId":"r-0","occurredAt":"1970-01-01T00:00:00+00:00","provider":"anthropic","model":"claude-sonnet-4",
            "inputTokens":10,"cacheWriteTokens":8,"outcome":"succeeded"},"cost":{"priced":false},"ingestedAt":"1970-01-01T00:00:00+00:00","source":"http"}
            """;

        var usage = JsonDocument.Parse(JsonSerializer.Serialize(ingested, Stored)).RootElement.GetProperty("usage");
        var old = JsonSerializer.Deserialize<UsageIngested>(Old, Stored)!;

        Assert.Equal("claude-sonnet-4-20250514", usage.GetProperty("responseModel").GetString());
        Assert.Equal(6, usage.GetProperty("cacheWriteOneHourTokens").GetInt64());
        Assert.Equal((null, 8L, 0L), (old.Usage.ResponseModel, old.Usage.CacheWriteTokens, old.Usage.CacheWriteOneHourTokens));
    }

    [Fact]
    public void OtherEventTypes_StillSerialise_NextToTheGeneratedOnes()
    {
        var json = JsonSerializer.Serialize(new SomethingElseHappened(3), Stored);

        Assert.Equal("""{"count":3}""", json);
    }

    private sealed record SomethingElseHappened(int Count);
}
