using TokenOptimizer.Ingestion.ImportingCatalogs;
using Xunit;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary>LiteLLM and Langfuse price files read as the shipped catalog's build reads them: every tier, exact decimals.</summary>
public class ReadingPriceFiles
{
    [Fact]
    public void LiteLlmEntry_CarriesItsContextAndServiceTiers_AsExactDecimals()
    {
        const string File = """
            {"claude-x": {"litellm_provider": "anthropic", "mode": "chat",
              "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "cache_read_input_token_cost": 3.0e-07,
              "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
              "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
              "input_cost_per_token_batches": 1.5e-06, "output_cost_per_token_batches": 7.5e-06},
             "embed-y": {"litellm_provider": "openai", "input_cost_per_token": null, "output_cost_per_token": null}}
            """;

        var file = PriceFileReader.Read(File, format: null, new PriceFileProblems());

        Assert.NotNull(file);
        Assert.Equal("litellm", file.Format);
        var price = Assert.Single(file.Prices);
        Assert.Equal(("claude-x", "anthropic", "chat"), (price.Model, price.Provider, price.Mode));
        Assert.Equal((0.000003m, 0.000015m, 0.0000003m, 0.00000375m, 0.000006m),
            (price.Standard.InputUsd, price.Standard.OutputUsd, price.Standard.CachedInputUsd, price.Standard.CacheWriteUsd, price.Standard.CacheWriteOneHourUsd));
        Assert.Equal((0.000006m, 0.0000225m), (price.Above200k!.InputUsd, price.Above200k.OutputUsd));
        Assert.Equal((0.0000015m, 0.0000075m), (price.Batch!.InputUsd, price.Batch.OutputUsd));
        Assert.Null(price.Flex);
        Assert.Null(price.Above128k);
    }

    [Fact]
    public void LangfuseModel_TakesItsDefaultTier_TheFlexTier_AndItsPatternsProvider()
    {
        const string File = """
            [{"modelName": "gemini-9", "matchPattern": "(?i)^(google(ai)?/)?(gemini-9)$",
              "pricingTiers": [
                {"isDefault": false, "priority": 1, "conditions": [{"source": "model_parameters", "key": "service_tier", "operator": "in", "values": ["flex"]}],
                 "prices": {"input": 5e-07, "output": 2e-06}},
                {"isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 1.0e-06, "output": 4e-06, "input_cache_read": 2.5e-07}}]}]
            """;

        var file = PriceFileReader.Read(File, format: null, new PriceFileProblems());

        Assert.NotNull(file);
        Assert.Equal("langfuse", file.Format);
        var price = Assert.Single(file.Prices);
        Assert.Equal(("gemini-9", "gemini"), (price.Model, price.Provider));
        Assert.Equal((0.000001m, 0.000004m, 0.00000025m), (price.Standard.InputUsd, price.Standard.OutputUsd, price.Standard.CachedInputUsd));
        Assert.Equal((0.0000005m, 0.000002m), (price.Flex!.InputUsd, price.Flex.OutputUsd));
        Assert.Null(price.Priority);
    }

    [Fact]
    public void FormatThatDoesNotFitTheFile_IsNamed()
    {
        var problems = new PriceFileProblems();

        Assert.Null(PriceFileReader.Read("[]", format: "litellm", problems));
        Assert.Equal(["content"], problems.Errors.Keys);
    }
}
