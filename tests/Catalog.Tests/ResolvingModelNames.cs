using static TokenOptimizer.Catalog.Tests.Pricing;

namespace TokenOptimizer.Catalog.Tests;

public class ResolvingModelNames
{
    [Theory]
    [InlineData("openai", "gpt-4o", "gpt-4o")]
    [InlineData("openai", "openai/gpt-4o", "gpt-4o")]
    [InlineData(null, "openai/gpt-4o", "gpt-4o")]
    [InlineData("openai", "GPT-4O", "gpt-4o")]
    [InlineData("OpenAI", " gpt-4o ", "gpt-4o")]
    [InlineData("anthropic", "Claude-Sonnet-4-5", "claude-sonnet-4-5")]
    public void ProviderPrefixAndCase_AreIgnored(string? provider, string model, string expected) =>
        Assert.Equal(expected, Shipped.ResolveModel(provider, model));

    [Theory]
    [InlineData("openai", "gpt-4o-2024-08-06", "gpt-4o-2024-08-06")]
    [InlineData("anthropic", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929")]
    [InlineData("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0", "anthropic.claude-sonnet-4-5-20250929-v1:0")]
    [InlineData("bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0", "us.anthropic.claude-sonnet-4-5-20250929-v1:0")]
    [InlineData("vertex_ai", "claude-sonnet-4@20250514", "vertex_ai/claude-sonnet-4@20250514")]
    public void DatedSnapshotInTheCatalog_ResolvesToItsOwnEntry(string provider, string model, string expected) =>
        Assert.Equal(expected, Shipped.ResolveModel(provider, model));

    [Theory]
    [InlineData("openai", "gpt-4o-2099-01-01", "gpt-4o")]
    [InlineData("openai", "gpt-4o-20990101", "gpt-4o")]
    [InlineData("anthropic", "claude-sonnet-4-5-20991231", "claude-sonnet-4-5")]
    [InlineData("vertex_ai", "claude-sonnet-4-5@20991231", "vertex_ai/claude-sonnet-4-5")]
    [InlineData("anthropic", "claude-sonnet-4-5-20991231-v1:0", "claude-sonnet-4-5")]
    public void UnknownDatedSnapshotOfAKnownFamily_ResolvesToTheFamily(string provider, string model, string expected) =>
        Assert.Equal(expected, Shipped.ResolveModel(provider, model));

    [Theory]
    [InlineData("ft:gpt-4o-mini:acme::abc", "gpt-4o-mini")]
    [InlineData("ft:gpt-4o-mini-2024-07-18:acme::abc", "ft:gpt-4o-mini-2024-07-18")]
    [InlineData("ft:gpt-3.5-turbo:acme:custom-suffix:abc", "ft:gpt-3.5-turbo")]
    [InlineData("openai/ft:gpt-4o-mini:acme::abc", "gpt-4o-mini")]
    public void FineTune_ResolvesToItsBase(string model, string expected) =>
        Assert.Equal(expected, Shipped.ResolveModel("openai", model));

    [Theory]
    [InlineData("openai", "o1-mini", "o1-mini")]
    [InlineData("azure", "o1-mini", "azure/o1-mini")]
    [InlineData("vertex_ai", "gemini-2.5-pro", "gemini-2.5-pro")]
    [InlineData("gemini", "gemini-2.5-pro", "gemini/gemini-2.5-pro")]
    [InlineData("google", "gemini-2.5-pro", "gemini/gemini-2.5-pro")]
    [InlineData("openrouter", "openai/gpt-4o", "openrouter/openai/gpt-4o")]
    public void EachProvider_GetsItsOwnEntry(string provider, string model, string expected) =>
        Assert.Equal(expected, Shipped.ResolveModel(provider, model));

    [Theory]
    [InlineData("openrouter", "openrouter/anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData(null, "openrouter/anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("openrouter", "anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("portkey", "portkey/anthropic/claude-sonnet-4-5-20991231", "claude-sonnet-4-5")]
    [InlineData("openrouter", "openrouter/anthropic/claude-sonnet-4.5", "openrouter/anthropic/claude-sonnet-4.5")]
    public void TwoStackedPrefixes_ResolveToTheGatewaysEntryElseTheProvidersBehindIt(string? provider, string model, string expected) =>
        Assert.Equal(expected, Shipped.ResolveModel(provider, model));

    [Theory]
    [InlineData("litellm_proxy", "litellm_proxy/openrouter/anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    // OpenRouter lacks this snapshot but prices its family: the outer gateway's family beats the provider's exact entry.
    [InlineData(null, "helicone/openrouter/openai/gpt-4o-2024-08-06", "openrouter/openai/gpt-4o")]
    [InlineData(null, "helicone/litellm_proxy/openai/gpt-4o-2024-08-06", "gpt-4o-2024-08-06")]
    [InlineData("portkey", "portkey/vercel_ai_gateway/anthropic/claude-sonnet-4.5", "vercel_ai_gateway/anthropic/claude-sonnet-4.5")]
    [InlineData(null, "litellm/portkey/openrouter/anthropic/claude-sonnet-4-5", "claude-sonnet-4-5")]
    public void ThreeOrMoreStackedPrefixes_Resolve(string? provider, string model, string expected) =>
        Assert.Equal(expected, Shipped.ResolveModel(provider, model));

    [Theory]
    [InlineData("openrouter", "acme/anthropic/claude-sonnet-4-5")]
    [InlineData(null, "openrouter/acme/claude-sonnet-4-5")]
    public void UnknownPrefix_IsNotStripped(string? provider, string model) =>
        Assert.Null(Shipped.ResolveModel(provider, model));

    [Theory]
    [InlineData("openai", "gpt-7-ultra")]
    [InlineData("anthropic", "gpt-4o")]
    [InlineData(null, "anthropic/gpt-4o")]
    [InlineData("acme", "gpt-4o")]
    [InlineData("openai", "   ")]
    [InlineData("openai", "ft:")]
    public void UnknownModelOrProvider_ResolvesToNothing(string? provider, string model) =>
        Assert.Null(Shipped.ResolveModel(provider, model));
}
