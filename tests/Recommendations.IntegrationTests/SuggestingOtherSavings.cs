using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>Prompt caching, batch processing, failure waste and budget risk, each on traffic with a known answer.</summary>
public sealed class SuggestingOtherSavings(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    private static readonly CostCalculator Prices = new(ModelCatalog.LoadDefault());

    private static UsageIngested Call(string feature, string provider, string model, int i, long input, long output, bool streaming = true, bool failed = false) =>
        TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"{feature}-{i}-{Guid.NewGuid():N}", OccurredAt = DateTimeOffset.UtcNow.AddDays(-2).AddMinutes(i),
            Provider = provider, Model = model, Feature = feature, InputTokens = input, OutputTokens = output, LatencyMs = 900, Streaming = streaming,
            Outcome = failed ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = failed ? ErrorTypes.ServerError : null, ServiceTier = ServiceTiers.Standard,
        });

    private static decimal Price(string provider, string model, IEnumerable<UsageIngested> calls, string tier = ServiceTiers.Standard, decimal cachedShare = 0) =>
        calls.Sum(c => Prices.Price(new PricingRequest
        {
            Provider = provider, Model = model, OccurredAt = DateTimeOffset.UtcNow, ServiceTier = tier,
            InputTokens = c.Usage.InputTokens, OutputTokens = c.Usage.OutputTokens, CachedInputTokens = (long)(c.Usage.InputTokens * cachedShare),
        }).Cost!.Total);

    private static JsonElement One(JsonElement list, string feature, string kind) =>
        Assert.Single(list.EnumerateArray(), r => r.GetProperty("suggestion").GetProperty("feature").GetString() == feature
            && r.GetProperty("suggestion").GetProperty("kind").GetString() == kind).GetProperty("suggestion");

    [Fact]
    public async Task LargeUncachedPrompts_OnACachingModel_GetPromptCaching_SavingTheRepricedHalfCachedMix()
    {
        var calls = Enumerable.Range(0, 30).Select(i => Call("rag-answers", "anthropic", "claude-3-5-sonnet-20241022", i, input: 6_000 + 2 * i, output: 300)).ToList();
        await host.FeedAsync(calls);

        var caching = One(await host.RecomputeAsync(), "rag-answers", "prompt_caching");

        var expected = Price("anthropic", "claude-3-5-sonnet-20241022", calls) - Price("anthropic", "claude-3-5-sonnet-20241022", calls, cachedShare: 0.5m);
        Assert.Equal(Math.Round(Monthly.Of(expected, caching), 2), Math.Round(caching.GetProperty("monthlySavingUsd").GetDecimal(), 2));
        Assert.True(caching.GetProperty("evidence").GetProperty("cached_share_for_10_percent_saving").GetDecimal() is > 0 and < 0.5m);
    }

    [Fact]
    public async Task LatencyTolerantFeature_GetsBatchProcessing_SavingTheBatchTiersDifference()
    {
        // nightly-digest is configured as latency-tolerant by the host
        var calls = Enumerable.Range(0, 25).Select(i => Call("nightly-digest", "openai", "gpt-4o", i, input: 2_000, output: 400)).ToList();
        await host.FeedAsync(calls);

        var batch = One(await host.RecomputeAsync(), "nightly-digest", "batch_processing");

        var expected = Price("openai", "gpt-4o", calls) - Price("openai", "gpt-4o", calls, tier: ServiceTiers.Batch);
        Assert.True(expected > 0);
        Assert.Equal(Math.Round(Monthly.Of(expected, batch), 2), Math.Round(batch.GetProperty("monthlySavingUsd").GetDecimal(), 2));
    }

    [Fact]
    public async Task FailingCalls_AreReportedAsFailureWaste_ForWhatTheyWereBilled()
    {
        var calls = Enumerable.Range(0, 40).Select(i => Call("flaky", "mistral", "mistral-large-latest", i, input: 1_000, output: 100, failed: i % 4 == 0)).ToList();
        await host.FeedAsync(calls);

        var waste = One(await host.RecomputeAsync(), "flaky", "failure_waste");

        Assert.Equal(Monthly.Of(calls.Where(c => c.Usage.Outcome == Outcomes.Failed).Sum(c => c.Cost.TotalUsd), waste), waste.GetProperty("monthlySavingUsd").GetDecimal());
        Assert.Equal(0.25m, waste.GetProperty("evidence").GetProperty("error_rate").GetDecimal());
    }

    [Fact]
    public async Task ABudgetProjectedOver_IsFlagged_WithTheChangesInItsScope()
    {
        // Given a feature's traffic this month and a tiny monthly budget for it
        var calls = Enumerable.Range(0, 30).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"briefs-{i}", OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-40 + i), Provider = "openai", Model = "gpt-4o", Feature = "briefs",
            InputTokens = 800, OutputTokens = 60, LatencyMs = 700, Streaming = true, Outcome = Outcomes.Succeeded,
        })).ToList();
        await host.FeedAsync(calls);
        using (var defined = await host.AggregationHttp.WithApiKey(host.AdminKey).PostAsJsonAsync("/v1/budgets",
                   new { name = "briefs", scopeKind = "feature", scopeValue = "briefs", amountUsd = 0.0001m, period = "month" }))
        {
            defined.EnsureSuccessStatusCode();
        }

        // When advice is computed once the budget's spend is projected
        JsonElement risk = default;
        await Eventually.UntilAsync(async () =>
        {
            var list = await host.RecomputeAsync();
            var found = list.EnumerateArray().Where(r => r.GetProperty("suggestion").GetProperty("kind").GetString() == "budget_risk").ToList();
            risk = found.FirstOrDefault();
            return found.Count == 1;
        }, TimeSpan.FromSeconds(30), "the budget should be projected over its amount");

        // Then it names the budget, its overrun and the model switches of that feature
        var suggestion = risk.GetProperty("suggestion");
        Assert.Equal("briefs", suggestion.GetProperty("feature").GetString());
        Assert.True(suggestion.GetProperty("evidence").GetProperty("projected_overrun_usd").GetDecimal() > 0);
        Assert.True(suggestion.GetProperty("evidence").GetProperty("changes").GetDecimal() >= 1);
        Assert.Contains("Move feature 'briefs'", suggestion.GetProperty("change").GetString());
    }
}
