using Marten;
using TokenOptimizer.Catalog;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.UsageLog;
using Xunit;
using static TokenOptimizer.Ingestion.Tests.PricingSamples;

namespace TokenOptimizer.Ingestion.Tests;

public sealed class SettingModelPrices
{
    [Fact]
    public void RatesPerMillionTokens_AreStoredPerTokenExactly()
    {
        var request = Request(2.5m, 10m, February) with
        {
            CachedInputPerMillionTokens = 0.075m,
            ReasoningPerMillionTokens = 1234.5678901234m,
        };

        var price = request.ToPrice("custom:1", Now);

        Assert.Equal(0.0000025m, price.Standard.InputUsd);
        Assert.Equal(0.00001m, price.Standard.OutputUsd);
        Assert.Equal(0.000000075m, price.Standard.CachedInputUsd);
        Assert.Equal(0.0012345678901234m, price.Standard.ReasoningUsd);
        Assert.Null(price.Standard.CacheWriteUsd);
        Assert.Equal("0.0000025", price.Standard.InputUsd!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ProviderAndNote_AreTrimmed_AndABlankProviderMeansAny()
    {
        var price = (Request(1m, 2m, February, model: " gpt-4o ", provider: "  ") with { Note = " 2025 agreement " }).ToPrice("custom:1", Now);

        Assert.Null(price.Provider);
        Assert.Equal("gpt-4o", price.Model);
        Assert.Equal("2025 agreement", price.Note);
        Assert.Equal(Now, price.SetAt);
    }

    [Fact]
    public void PricesAreNumberedInTheOrderTheyAreSet()
    {
        var prices = PriceList.Of(Shipped, []);
        Assert.Equal("custom:1", prices.NextPriceVersion);

        prices = prices.With(Request(1m, 2m, February).ToPrice(prices.NextPriceVersion, Now));

        Assert.Equal(1, prices.Version);
        Assert.Equal("custom:2", prices.NextPriceVersion);
    }

    [Fact]
    public void CustomPrice_WinsOverTheShippedOneFromItsEffectiveDate()
    {
        var prices = PriceList.Of(Shipped, [Request(2m, 8m, February).ToPrice("custom:1", Now)]);

        Assert.StartsWith("litellm@", prices.Catalog.FindPrice("gpt-4o", February.AddTicks(-1))!.Version);
        Assert.Equal("custom:1", prices.Catalog.FindPrice("gpt-4o", February)!.Version);
        Assert.Equal(0.000002m, prices.Catalog.FindPrice("gpt-4o", February)!.Standard.Input);
        Assert.StartsWith("litellm@", prices.Shipped.FindPrice("gpt-4o", February)!.Version);
    }

    [Fact]
    public void SamePriceAgain_IsARepeatOfTheOneSet()
    {
        var first = Request(2m, 8m, February).ToPrice("custom:1", Now);
        var prices = PriceList.Of(Shipped, [first]);

        var again = Request(2m, 8m, February, model: "GPT-4o").ToPrice(prices.NextPriceVersion, Now.AddDays(1));

        Assert.Same(first, prices.FindRepeated(again));
    }

    [Fact]
    public void OtherRatesOrDateOrProvider_AreNotARepeat()
    {
        var prices = PriceList.Of(Shipped, [Request(2m, 8m, February).ToPrice("custom:1", Now)]);

        Assert.Null(prices.FindRepeated(Request(2m, 9m, February).ToPrice("custom:2", Now)));
        Assert.Null(prices.FindRepeated(Request(2m, 8m, February.AddDays(1)).ToPrice("custom:2", Now)));
        Assert.Null(prices.FindRepeated(Request(2m, 8m, February, provider: "azure").ToPrice("custom:2", Now)));
    }

    [Fact]
    public void PriceSetBeforeTheOneInForce_IsNotARepeat()
    {
        // A, then B for the same date, then A again: A must be recorded again to be in force.
        var prices = PriceList.Of(Shipped, [Request(2m, 8m, February).ToPrice("custom:1", Now), Request(3m, 9m, February).ToPrice("custom:2", Now)]);

        Assert.Null(prices.FindRepeated(Request(2m, 8m, February).ToPrice("custom:3", Now)));
    }

    [Fact]
    public void ListedPrice_ShowsTheRatesAsTyped()
    {
        var price = (Request(2.5m, 10m, February) with { Batch = new RatesPerMillionTokens { InputPerMillionTokens = 1.25m } }).ToPrice("custom:1", Now);

        var view = CustomPriceView.From(price, "gpt-4o");

        Assert.Equal("2.5", view.InputPerMillionTokens!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(10m, view.OutputPerMillionTokens);
        Assert.Equal(1.25m, view.Batch!.InputPerMillionTokens);
        Assert.Null(view.Batch.OutputPerMillionTokens);
        Assert.Null(view.Flex);
    }

    [Fact]
    public void ModelPriceSetAndModelAliasSet_AreStoredUnderTheirStableAliases()
    {
        var options = UsageEventStore.Configure(new StoreOptions());

        IReadOnlyStoreOptions readOnly = options;
        Assert.Equal("model_price_set", readOnly.Events.AllKnownEventTypes().Single(t => t.EventType == typeof(ModelPriceSet)).EventTypeName);
        Assert.Equal("model_alias_set", readOnly.Events.AllKnownEventTypes().Single(t => t.EventType == typeof(ModelAliasSet)).EventTypeName);
    }

    [Fact]
    public void PricesAndAliases_ShareOneVersionSequence()
    {
        var prices = PriceList.Of(Shipped, [Request(2m, 8m, February).ToPrice("custom:1", Now)]);

        prices = prices.With(new SetModelAlias { Provider = "azure", Alias = "prod-chat", Model = "gpt-4o", EffectiveFrom = February }.ToAlias(prices.NextAliasVersion, Now));

        Assert.Equal("alias:2", Assert.Single(prices.Aliases).AliasVersion);
        Assert.Equal(("custom:3", "alias:3"), (prices.NextPriceVersion, prices.NextAliasVersion));
    }
}
