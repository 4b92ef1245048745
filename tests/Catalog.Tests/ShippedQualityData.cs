using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class ShippedQualityData
{
    private static ModelQuality Shipped => ModelQuality.LoadDefault();

    // The models libs/DemoTraffic/DemoWorkload.cs calls (all but the in-house fine-tune the catalog lacks).
    // Copied rather than referenced: DemoTraffic brings MassTransit, which a pure catalog test does not need.
    public static TheoryData<string, string> DemoTrafficModels => new()
    {
        { "openai", "gpt-4o" },
        { "openai", "gpt-4o-mini" },
        { "openai", "gpt-4.1" },
        { "openai", "o4-mini" },
        { "anthropic", "claude-sonnet-4-20250514" },
        { "anthropic", "claude-3-5-haiku-20241022" },
        { "gemini", "gemini-2.5-pro" },
        { "gemini", "gemini-2.5-flash" },
        { "mistral", "mistral/mistral-large-latest" },
        { "deepseek", "deepseek/deepseek-chat" },
        { "groq", "groq/llama-3.3-70b-versatile" },
    };

    [Fact]
    public void ShippedFile_LoadsWithItsProvenance()
    {
        Assert.True(Shipped.Entries.Count >= 25, $"only {Shipped.Entries.Count} models are scored");
        Assert.Contains("none is a measured benchmark", Shipped.Source!, StringComparison.Ordinal);
        Assert.NotNull(Shipped.Note);
    }

    [Fact]
    public void EveryModel_IsAPricedChatModelOfTheCatalog()
    {
        foreach (var entry in Shipped.Entries)
        {
            var info = Pricing.Shipped.Find(entry.Key);
            Assert.True(info is not null, $"'{entry.Key}' is not in the price catalog");
            Assert.Equal(entry.Key, info.Key); // spelt as the catalog spells it
            Assert.Equal("chat", info.Mode);
            Assert.NotNull(Pricing.Shipped.FindPrice(entry.Key, SomeDay));
        }

        Assert.Empty(ModelProfiles.LoadDefault(SomeDay).Unavailable);
    }

    [Fact]
    public void EveryModel_ScoresEveryTaskKindWithAnHonestSource()
    {
        foreach (var entry in Shipped.Entries)
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Family), entry.Key);
            Assert.Equal(TaskKinds.All.Order(), entry.Scores.Keys.Order());
            foreach (var (kind, score) in entry.Scores)
            {
                Assert.InRange(score.Score, 0, 100);
                Assert.True(
                    score.Source.Contains("not a measured benchmark", StringComparison.Ordinal),
                    $"'{entry.Key}' score '{kind}' does not say it is an estimate: {score.Source}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(DemoTrafficModels))]
    public void DemoTrafficModel_IsScored(string provider, string model)
    {
        var key = Pricing.Shipped.ResolveModel(provider, model);

        Assert.NotNull(key);
        Assert.NotNull(Shipped.Find(key));
    }

    [Fact]
    public void ModelsOfAFamily_ShareTheirProvider()
    {
        var profiles = ModelProfiles.LoadDefault(SomeDay).All;

        foreach (var family in profiles.GroupBy(p => p.Family))
        {
            // Gemini is served by both the Gemini API and Vertex AI; every other family by one provider.
            var providers = family.Select(p => p.Provider).Distinct().Order().ToArray();
            Assert.True(providers.Length == 1 || providers.SequenceEqual(["gemini", "vertex_ai"]), family.Key);
        }
    }

    [Fact]
    public void LoadDefault_IsCached() => Assert.Same(ModelQuality.LoadDefault(), ModelQuality.LoadDefault());
}
