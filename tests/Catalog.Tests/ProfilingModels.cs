using System.Text;
using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class ProfilingModels
{
    private static readonly ModelProfiles Profiles = ModelProfiles.LoadDefault(SomeDay);

    private static ModelQuality Quality(string json) => ModelQuality.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void Profile_JoinsCatalogFactsPriceTermsAndQuality()
    {
        var gpt4o = Profiles.Find("GPT-4o")!;

        Assert.Equal("gpt-4o", gpt4o.Key);
        Assert.Equal("openai", gpt4o.Provider);
        Assert.Equal("gpt-4o", gpt4o.Model);
        Assert.Equal("chat", gpt4o.Mode);
        Assert.Equal("gpt-4o", gpt4o.Family);
        Assert.Equal("large", gpt4o.Tier);
        Assert.Equal(128_000, gpt4o.ContextWindow);
        Assert.Equal(16_384, gpt4o.MaxOutputTokens);
        Assert.True(gpt4o.Capabilities.HasFlag(ModelCapabilities.Vision | ModelCapabilities.FunctionCalling | ModelCapabilities.ResponseSchema));
        Assert.Equal("litellm@0435375b:gpt-4o", gpt4o.Price!.Version);
        Assert.Equal(0.5m, gpt4o.BatchDiscount); // batch input 1.25e-06 against 2.5e-06
        Assert.True(gpt4o.HasBatchDiscount);
        Assert.True(gpt4o.SupportsPromptCaching);
        Assert.Equal(TaskKinds.All.Order(), gpt4o.Quality.Keys.Order());
        Assert.Equal(80, gpt4o.Quality[TaskKinds.Code].Score);
    }

    [Fact]
    public void ReasoningModel_ScoresAboveItsTierOnCodeAndReasoning_AndSaysWhy()
    {
        var o4mini = Profiles.Find("o4-mini")!;

        Assert.Equal(74, o4mini.Quality[TaskKinds.Code].Score);
        Assert.Contains("reasoning model", o4mini.Quality[TaskKinds.Reasoning].Source, StringComparison.Ordinal);
        Assert.DoesNotContain("reasoning model", o4mini.Quality[TaskKinds.General].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelWithoutBatchRates_HasNoBatchDiscount()
    {
        var o4mini = Profiles.Find("o4-mini")!;

        Assert.Null(o4mini.BatchDiscount);
        Assert.False(o4mini.HasBatchDiscount);
    }

    [Fact]
    public void ModelWithoutPromptCaching_SaysSo()
    {
        var llama = Profiles.Find("groq/llama-3.3-70b-versatile")!;

        Assert.False(llama.SupportsPromptCaching);
        Assert.Equal("groq", llama.Provider);
        Assert.Equal("llama-3.3-70b-versatile", llama.Model);
    }

    [Theory]
    [InlineData("gemini", "gemini-2.5-flash", "gemini/gemini-2.5-flash", "gemini", "gemini-2.5-flash")]
    [InlineData("vertex_ai", "gemini-2.5-flash", "gemini-2.5-flash", "vertex_ai", "gemini-2.5-flash")]
    [InlineData("google", "gemini-2.5-flash", "gemini/gemini-2.5-flash", "gemini", "gemini-2.5-flash")]
    [InlineData("openai", "openai/gpt-4o", "gpt-4o", "openai", "gpt-4o")]
    [InlineData("mistral", "mistral/mistral-large-latest", "mistral/mistral-large-latest", "mistral", "mistral-large-latest")]
    public void ModelAsACallerReportsIt_FindsTheProfileOfItsCatalogKey(
        string provider, string model, string key, string profileProvider, string apiModel)
    {
        var profile = Profiles.Find(provider, model)!;

        Assert.Equal(key, profile.Key);
        Assert.Equal(profileProvider, profile.Provider);
        Assert.Equal(apiModel, profile.Model);
        Assert.NotEmpty(profile.Quality);
    }

    [Fact]
    public void CatalogKeyWithoutQuality_HasAProfileWithoutScores()
    {
        var profile = Profiles.Find("gpt-3.5-turbo")!;

        Assert.Null(profile.Family);
        Assert.Empty(profile.Quality);
        Assert.Equal(16_385, profile.ContextWindow);
        Assert.DoesNotContain(Profiles.All, p => p.Key == "gpt-3.5-turbo");
    }

    [Fact]
    public void UnknownModel_HasNoProfile()
    {
        Assert.Null(Profiles.Find("acme-support-ft-v2"));
        Assert.Null(Profiles.Find("acme", "acme-support-ft-v2"));
    }

    [Fact]
    public void All_ListsEveryScoredModelOnceInKeyOrder()
    {
        Assert.Equal(ModelQuality.LoadDefault().Entries.Select(e => e.Key), Profiles.All.Select(p => p.Key));
        Assert.All(Profiles.All, p => Assert.Equal("chat", p.Mode));
        Assert.All(Profiles.All, p => Assert.NotNull(p.Price));
        Assert.Same(Profiles.All[0], Profiles.Find(Profiles.All[0].Key));
    }

    [Fact]
    public void ScoredKeysTheCatalogCannotOffer_AreUnavailable()
    {
        var quality = Quality("""
            {"models":[
              {"key":"gpt-4o-minii","family":"gpt-4o","source":"typo","scores":{"general":{"score":1}}},
              {"key":"text-embedding-3-small","family":"embeddings","source":"not chat","scores":{"general":{"score":1}}},
              {"key":"gpt-4o","family":"gpt-4o","source":"ok","scores":{"general":{"score":1}}}]}
            """);

        var profiles = new ModelProfiles(Shipped, quality, SomeDay);

        Assert.Equal(["gpt-4o"], profiles.All.Select(p => p.Key));
        Assert.Equal(["gpt-4o-minii", "text-embedding-3-small"], profiles.Unavailable);
    }

    [Fact]
    public void CustomPricedModel_BecomesACandidateOnceScored()
    {
        var catalog = Shipped.WithCustomPrice(new CustomModelPrice
        {
            Provider = "acme",
            Model = "acme-support-ft-v2",
            Price = new ModelPrice
            {
                Version = "custom:1",
                EffectiveFrom = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Standard = new TokenRates { Input = 0.000001m, Output = 0.000002m },
            },
        });
        var quality = ModelQuality.LoadDefault().OverriddenBy(Quality("""
            {"models":[{"key":"acme/acme-support-ft-v2","family":"acme-support","source":"acme eval","scores":{"conversation":{"score":88}}}]}
            """));

        var before = new ModelProfiles(catalog, quality, new(2025, 12, 31, 0, 0, 0, TimeSpan.Zero));
        var after = new ModelProfiles(catalog, quality, SomeDay);

        Assert.Contains("acme/acme-support-ft-v2", before.Unavailable); // no price yet
        var profile = Assert.Single(after.All, p => p.Key == "acme/acme-support-ft-v2");
        Assert.Equal("acme", profile.Provider);
        Assert.Equal("acme-support-ft-v2", profile.Model);
        Assert.Null(profile.Mode); // a custom entry states none
        Assert.Equal(88, profile.Quality[TaskKinds.Conversation].Score);
        Assert.Same(profile, after.Find("acme", "acme-support-ft-v2"));
    }
}
