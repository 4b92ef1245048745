using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;
using Xunit;
using static TokenOptimizer.Ingestion.Tests.PricingSamples;

namespace TokenOptimizer.Ingestion.Tests;

public sealed class RepricingUsage
{
    private static readonly DateTimeOffset March = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>$2/M in and $8/M out from 1 February: the example call costs 1,000 × 0.000002 + 500 × 0.000008 = 0.002 + 0.004.</summary>
    private static (ModelPriceSet Price, PriceList Prices) Negotiated(PriceList? before = null, SetModelPrice? request = null)
    {
        before ??= PriceList.Of(Shipped, []);
        var price = (request ?? Request(2m, 8m, February)).ToPrice(before.NextPriceVersion, Now);
        return (price, before.With(price));
    }

    [Fact]
    public void CallAfterTheEffectiveDate_IsRepricedAtTheCustomRate()
    {
        // Given
        var call = Call(March);
        var usage = Ingested(call);
        var (price, prices) = Negotiated();

        // When
        var decision = Repricing.Decide(usage, prices.Catalog, PriceChange.Of(price), Now);

        // Then
        var repriced = Assert.IsType<UsageRepriced>(decision.Repriced);
        Assert.Equal(call.RequestId, repriced.RequestId);
        Assert.Equal(March, repriced.OccurredAt);
        Assert.Equal(0.0075m, repriced.Previous.TotalUsd);
        Assert.StartsWith("litellm@", repriced.Previous.PriceVersion);
        Assert.Equal(
            new UsageCost { Priced = true, CatalogKey = "gpt-4o", PriceVersion = "custom:1", InputUsd = 0.002m, OutputUsd = 0.004m, TotalUsd = 0.006m },
            repriced.Current);
        Assert.Equal("custom price custom:1 for openai/gpt-4o from 2025-02-01", repriced.Reason);
        Assert.Equal(Now, repriced.RepricedAt);
    }

    [Fact]
    public void CallBeforeTheEffectiveDate_IsNotAffected()
    {
        var (price, prices) = Negotiated();

        var decision = Repricing.Decide(Ingested(Call(February.AddDays(-20))), prices.Catalog, PriceChange.Of(price), Now);

        Assert.Same(RepricingDecision.NotAffected, decision);
    }

    [Fact]
    public void CallOfAnotherModelWhoseNameContainsIt_IsNotAffected()
    {
        var (price, prices) = Negotiated();

        var decision = Repricing.Decide(Ingested(Call(March, model: "gpt-4o-mini")), prices.Catalog, PriceChange.Of(price), Now);

        Assert.Same(RepricingDecision.NotAffected, decision);
    }

    [Fact]
    public void CallNamingTheModelWithItsProviderPrefix_IsRepricedToo()
    {
        var (price, prices) = Negotiated();

        var decision = Repricing.Decide(Ingested(Call(March, model: "openai/gpt-4o")), prices.Catalog, PriceChange.Of(price), Now);

        Assert.Equal(0.006m, decision.Repriced?.Current.TotalUsd);
    }

    [Fact]
    public void CallWithCacheAndReasoningTokens_IsPricedPartByPart()
    {
        // $2/M input, $1/M cache reads, $2.50/M cache writes, $8/M output, $12/M reasoning.
        var request = Request(2m, 8m, February) with
        {
            CachedInputPerMillionTokens = 1m,
            CacheWritePerMillionTokens = 2.5m,
            ReasoningPerMillionTokens = 12m,
        };
        var (price, prices) = Negotiated(request: request);
        var call = Call(March) with { InputTokens = 10_000, CachedInputTokens = 4_000, CacheWriteTokens = 1_000, OutputTokens = 2_000, ReasoningTokens = 500 };

        var cost = Repricing.Decide(Ingested(call), prices.Catalog, PriceChange.Of(price), Now).Repriced!.Current;

        Assert.Equal(0.01m, cost.InputUsd);         // (10,000 − 4,000 − 1,000) × 0.000002
        Assert.Equal(0.004m, cost.CachedInputUsd);  // 4,000 × 0.000001
        Assert.Equal(0.0025m, cost.CacheWriteUsd);  // 1,000 × 0.0000025
        Assert.Equal(0.012m, cost.OutputUsd);       // (2,000 − 500) × 0.000008
        Assert.Equal(0.006m, cost.ReasoningUsd);    // 500 × 0.000012
        Assert.Equal(0.0345m, cost.TotalUsd);
    }

    [Fact]
    public void BatchCall_IsPricedAtTheCustomBatchRate()
    {
        // Batch at $1/M in and $4/M out: 1,000 × 0.000001 + 500 × 0.000004.
        var request = Request(2m, 8m, February) with { Batch = new RatesPerMillionTokens { InputPerMillionTokens = 1m, OutputPerMillionTokens = 4m } };
        var (price, prices) = Negotiated(request: request);

        var cost = Repricing.Decide(Ingested(Call(March) with { ServiceTier = ServiceTiers.Batch }), prices.Catalog, PriceChange.Of(price), Now).Repriced!.Current;

        Assert.Equal(0.003m, cost.TotalUsd);
    }

    [Fact]
    public void RepricedCall_StartsFromItsLatestCost()
    {
        // Given a call already re-priced to custom:1 ($0.006)
        var call = Call(March);
        var (first, afterFirst) = Negotiated();
        var firstRepricing = Repricing.Decide(Ingested(call), afterFirst.Catalog, PriceChange.Of(first), Now).Repriced!;
        var usage = Fold(new UsageIngested { Usage = call, Cost = UsagePricer.Price(Shipped, call), IngestedAt = March, Source = "http" }, firstRepricing);

        // When custom:2 ($1/M in, $4/M out from 1 March) arrives
        var (second, afterSecond) = Negotiated(afterFirst, Request(1m, 4m, new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        var repriced = Repricing.Decide(usage, afterSecond.Catalog, PriceChange.Of(second), Now).Repriced!;

        // Then it compensates custom:1's cost, not the ingested one: 1,000 × 0.000001 + 500 × 0.000004
        Assert.Equal(2, usage.Version);
        Assert.Equal("custom:1", repriced.Previous.PriceVersion);
        Assert.Equal(0.006m, repriced.Previous.TotalUsd);
        Assert.Equal("custom:2", repriced.Current.PriceVersion);
        Assert.Equal(0.003m, repriced.Current.TotalUsd);
    }

    [Fact]
    public void CallAlreadyAtThePrice_IsUnchanged()
    {
        var call = Call(March);
        var (price, prices) = Negotiated();
        var repricing = Repricing.Decide(Ingested(call), prices.Catalog, PriceChange.Of(price), Now).Repriced!;
        var usage = Fold(new UsageIngested { Usage = call, Cost = UsagePricer.Price(Shipped, call), IngestedAt = March, Source = "http" }, repricing);

        var again = Repricing.Decide(usage, prices.Catalog, PriceChange.Of(price), Now.AddHours(1));

        Assert.Same(RepricingDecision.Unchanged, again);
    }

    [Fact]
    public void CallCoveredByALaterPrice_IsNotAffected()
    {
        // custom:1 from February, custom:2 from April: a May call is custom:2's.
        var (first, afterFirst) = Negotiated();
        var (_, afterSecond) = Negotiated(afterFirst, Request(1m, 4m, new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero)));

        var decision = Repricing.Decide(Ingested(Call(new DateTimeOffset(2025, 5, 2, 0, 0, 0, TimeSpan.Zero))), afterSecond.Catalog, PriceChange.Of(first), Now);

        Assert.Same(RepricingDecision.NotAffected, decision);
    }

    [Fact]
    public void UnpricedCallOfAnUnknownModel_GetsPriced()
    {
        // Given a call of a model the catalog lacks, stored unpriced
        var call = Call(March, model: "acme-large-2", provider: "acme");
        var usage = Ingested(call);
        Assert.False(usage.Cost.Priced);

        // When its price is set: $3/M in, $15/M out
        var (price, prices) = Negotiated(request: Request(3m, 15m, February, model: "acme-large-2", provider: "acme"));
        var repriced = Repricing.Decide(usage, prices.Catalog, PriceChange.Of(price), Now).Repriced!;

        // Then 1,000 × 0.000003 + 500 × 0.000015
        Assert.False(repriced.Previous.Priced);
        Assert.True(repriced.Current.Priced);
        Assert.Equal("acme/acme-large-2", repriced.Current.CatalogKey);
        Assert.Equal(0.0105m, repriced.Current.TotalUsd);
    }

    [Theory]
    [InlineData("gpt-4o", "gpt-4o")]
    [InlineData("openai/GPT-4o", "gpt-4o")]
    [InlineData(" accounts/fireworks/models/llama-v3p1-8b ", "llama-v3p1-8b")]
    public void AffectedCalls_AreFoundByTheLastSegmentOfTheModelName(string model, string fragment) =>
        Assert.Equal(fragment, AffectedUsageQuery.ModelFragment(model));
}
