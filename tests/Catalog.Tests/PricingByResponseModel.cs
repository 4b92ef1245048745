using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class PricingByResponseModel
{
    [Fact]
    public void DeploymentNameWithAKnownResponseModel_IsPricedByTheResponseModel()
    {
        // An Azure deployment name the catalog cannot know; the response says gpt-4o-2024-08-06.
        // azure/gpt-4o-2024-08-06: input 2.5e-06, output 1e-05.
        //   1,000 × 0.0000025 = 0.0025
        //     500 × 0.00001   = 0.005
        //                total  0.0075
        var result = Price(Request("azure", "prod-chat-eastus") with
        {
            ResponseModel = "gpt-4o-2024-08-06",
            InputTokens = 1_000,
            OutputTokens = 500,
        });

        Assert.True(result.IsPriced, result.UnpricedReason);
        Assert.Equal("azure/gpt-4o-2024-08-06", result.CatalogKey);
        Assert.Equal(0.0075m, result.Cost.Total);
    }

    [Fact]
    public void ResponseModel_WinsOverTheRequestedModel()
    {
        // Asked for gpt-4o, served by gpt-4o-2024-05-13: input 5e-06, output 1.5e-05 (gpt-4o itself: 2.5e-06, 1e-05).
        //   1,000 × 0.000005  = 0.005
        //     500 × 0.000015  = 0.0075
        //                total  0.0125
        var result = Price(Request("openai", "gpt-4o") with { ResponseModel = "gpt-4o-2024-05-13", InputTokens = 1_000, OutputTokens = 500 });

        Assert.Equal("gpt-4o-2024-05-13", result.CatalogKey);
        Assert.Equal(0.0125m, result.Cost!.Total);
    }

    [Fact]
    public void UnknownResponseModel_FallsBackToTheRequestedModel()
    {
        // gpt-4o: 1,000 × 0.0000025 + 500 × 0.00001 = 0.0025 + 0.005 = 0.0075
        var result = Price(Request("openai", "gpt-4o") with { ResponseModel = "gpt-4o-unheard-of", InputTokens = 1_000, OutputTokens = 500 });

        Assert.Equal("gpt-4o", result.CatalogKey);
        Assert.Equal(0.0075m, result.Cost!.Total);
    }

    [Fact]
    public void NeitherModelKnown_IsUnpricedNamingBoth()
    {
        var result = Price(Request("azure", "prod-chat-eastus") with { ResponseModel = "gpt-unheard-of", InputTokens = 1 });

        Assert.False(result.IsPriced);
        Assert.Equal("unknown model 'prod-chat-eastus' (response model 'gpt-unheard-of') for provider 'azure'", result.UnpricedReason);
    }
}
