using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.Ingestion.RecordingUsage;
using Xunit;
using static TokenOptimizer.Ingestion.Tests.PricingSamples;

namespace TokenOptimizer.Ingestion.Tests;

public sealed class ValidatingModelPrices
{
    private readonly SetModelPriceValidator _validator;

    public ValidatingModelPrices()
    {
        UsageFieldNames.UseWireNamesInMessages();
        _validator = new SetModelPriceValidator(new FixedClock(Now));
    }

    private Dictionary<string, string[]> ErrorsOf(SetModelPrice request) => _validator.Validate(request).Errors
        .GroupBy(e => TokenOptimizer.Access.Http.WireNames.Of(e.PropertyName))
        .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());

    [Fact]
    public void CompletePrice_IsValid() => Assert.Empty(ErrorsOf(Request(2.5m, 10m, February) with
    {
        CachedInputPerMillionTokens = 1.25m,
        Batch = new RatesPerMillionTokens { InputPerMillionTokens = 1.25m, OutputPerMillionTokens = 5m },
        DryRun = true,
    }));

    [Fact]
    public void MissingModelDateAndRates_AreEachNamed()
    {
        var errors = ErrorsOf(new SetModelPrice { Model = " " });

        Assert.Equal(["effectiveFrom", "inputPerMillionTokens", "model", "outputPerMillionTokens"], errors.Keys.Order());
        Assert.Contains("'model' must not be empty.", errors["model"]);
    }

    [Fact]
    public void TextThatCannotBeStored_IsNamed()
    {
        var errors = ErrorsOf(Request(2.5m, 10m, February) with { Model = new string('字', 150), Provider = "azure\0", Note = "typed\u0007" });

        Assert.Equal(["model", "note", "provider"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("400 bytes", Assert.Single(errors["model"]), StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeRates_AreRejected_InTiersToo()
    {
        var errors = ErrorsOf(Request(-1m, 10m, February) with
        {
            ReasoningPerMillionTokens = -0.5m,
            Batch = new RatesPerMillionTokens { OutputPerMillionTokens = -2m },
        });

        Assert.Equal(["batch.outputPerMillionTokens", "inputPerMillionTokens", "reasoningPerMillionTokens"], errors.Keys.Order());
        Assert.Contains("'inputPerMillionTokens' cannot be negative.", errors["inputPerMillionTokens"]);
    }

    [Fact]
    public void RateTypedInTheWrongUnitOrTooPrecise_IsRejected()
    {
        var errors = ErrorsOf(Request(2_500_000m, 0.00000000001m, February));

        Assert.Contains("per million tokens", Assert.Single(errors["inputPerMillionTokens"]));
        Assert.Contains("decimal places", Assert.Single(errors["outputPerMillionTokens"]));
    }

    [Fact]
    public void AbsurdEffectiveDates_AreRejected_ButPastAndNextMonthAreNot()
    {
        Assert.Contains("effectiveFrom", ErrorsOf(Request(1m, 1m, new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero))).Keys);
        Assert.Contains("effectiveFrom", ErrorsOf(Request(1m, 1m, Now.AddYears(2))).Keys);
        Assert.Empty(ErrorsOf(Request(1m, 1m, new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero))));
        Assert.Empty(ErrorsOf(Request(1m, 1m, Now.AddMonths(1))));
    }

    [Fact]
    public void TierWithoutRates_IsRejected()
    {
        var errors = ErrorsOf(Request(1m, 1m, February) with { Flex = new RatesPerMillionTokens() });

        Assert.Contains("at least one rate", Assert.Single(errors["flex"]));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
