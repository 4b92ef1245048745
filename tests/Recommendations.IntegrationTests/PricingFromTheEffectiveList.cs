using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>
/// Savings priced with the effective price list: an administrator's price counts as Ingestion counts it. A class of its
/// own, so the prices it sets leave the other classes' shipped-price answers alone.
/// </summary>
public sealed class PricingFromTheEffectiveList(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    // Not streamed and all within an hour: the batch rule infers a latency-tolerant feature.
    private static List<UsageIngested> Calls(string feature, string model, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"{feature}-{i}-{Guid.NewGuid():N}", OccurredAt = DateTimeOffset.UtcNow.AddDays(-2).AddSeconds(i),
            Provider = "openai", Model = model, Feature = feature, InputTokens = 1_000, OutputTokens = 100, LatencyMs = 900, Streaming = false,
            Outcome = Outcomes.Succeeded, ServiceTier = ServiceTiers.Standard,
        })),
    ];

    // Rates per million tokens, stored per token as Ingestion stores them.
    private static ModelPriceSet AdminPrice(string model, decimal input, decimal output, decimal batchInput, decimal batchOutput) => new()
    {
        PriceVersion = "custom:?", Provider = "openai", Model = model, EffectiveFrom = DateTimeOffset.UtcNow.AddDays(-30), SetAt = DateTimeOffset.UtcNow,
        Standard = new PerTokenRates { InputUsd = input / 1_000_000m, OutputUsd = output / 1_000_000m },
        Batch = new PerTokenRates { InputUsd = batchInput / 1_000_000m, OutputUsd = batchOutput / 1_000_000m },
    };

    private static JsonElement BatchAdvice(JsonElement list, string feature) =>
        Assert.Single(list.EnumerateArray(), r => r.GetProperty("suggestion").GetProperty("feature").GetString() == feature
            && r.GetProperty("suggestion").GetProperty("kind").GetString() == "batch_processing").GetProperty("suggestion");

    [Fact]
    public async Task NegotiatedPrice_ForTheCurrentModel_IsWhatTheSavingIsPricedAt()
    {
        // Given 60 calls of 1,000 input and 100 output tokens to gpt-4o (shipped: $2.50/$10 per million, batch $1.25/$5),
        // for which an administrator set a negotiated $2/$8, batch $1/$4
        await host.SetPriceAsync(AdminPrice("gpt-4o", 2m, 8m, 1m, 4m));
        await host.FeedAsync(Calls("negotiated-digest", "gpt-4o", 60));

        // When recommendations are computed
        var batch = BatchAdvice(await host.RecomputeAsync(), "negotiated-digest");

        // Then the batch saving is priced at the negotiated rates, worked out by hand:
        // standard per call 1,000 × $2/M + 100 × $8/M = $0.0020 + $0.0008 = $0.0028; × 60 = $0.168
        // batch per call    1,000 × $1/M + 100 × $4/M = $0.0010 + $0.0004 = $0.0014; × 60 = $0.084
        // saving $0.168 − $0.084 = $0.084 over the window (at the shipped rates it would be $0.105)
        var evidence = batch.GetProperty("evidence");
        Assert.Equal(0.168m, evidence.GetProperty("current_cost_usd").GetDecimal());
        Assert.Equal(0.084m, evidence.GetProperty("batch_cost_usd").GetDecimal());
        Assert.Equal(Math.Round(Monthly.Of(0.084m, batch), 2), Math.Round(batch.GetProperty("monthlySavingUsd").GetDecimal(), 2));
        Assert.Equal(50m, batch.GetProperty("savingPercent").GetDecimal());
    }

    [Fact]
    public async Task ModelKnownOnlyThroughAnAdminPrice_GetsAdvice()
    {
        // Given 40 calls to a model no public list has, priced by an administrator at $4/$16 per million, batch $2/$8
        await host.SetPriceAsync(AdminPrice("acme-house-llm", 4m, 16m, 2m, 8m));
        await host.FeedAsync(Calls("house-digest", "acme-house-llm", 40));

        // When recommendations are computed
        var batch = BatchAdvice(await host.RecomputeAsync(), "house-digest");

        // Then it gets batch advice at the administrator's rates, worked out by hand:
        // standard per call 1,000 × $4/M + 100 × $16/M = $0.0040 + $0.0016 = $0.0056; × 40 = $0.224
        // batch per call    1,000 × $2/M + 100 × $8/M  = $0.0020 + $0.0008 = $0.0028; × 40 = $0.112
        Assert.Equal("acme-house-llm", batch.GetProperty("model").GetString());
        var evidence = batch.GetProperty("evidence");
        Assert.Equal(0.224m, evidence.GetProperty("current_cost_usd").GetDecimal());
        Assert.Equal(0.112m, evidence.GetProperty("batch_cost_usd").GetDecimal());
        Assert.Equal(Math.Round(Monthly.Of(0.112m, batch), 2), Math.Round(batch.GetProperty("monthlySavingUsd").GetDecimal(), 2));
    }
}
