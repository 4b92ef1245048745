using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>Calls to OpenAI-compatible hosts are booked to the provider behind the host, not to "openai".</summary>
public sealed class BookingCallsToTheirProvider
{
    [Theory]
    [InlineData("https://api.openai.com/v1", "openai")]
    [InlineData("https://api.mistral.ai/v1", "mistral")]
    [InlineData("https://api.groq.com/openai/v1", "groq")]
    [InlineData("https://api.deepseek.com", "deepseek")]
    [InlineData("https://api.together.xyz/v1", "together_ai")]
    [InlineData("https://openrouter.ai/api/v1", "openrouter")]
    [InlineData("https://my-resource.openai.azure.com/openai/deployments/gpt-4o", "azure")]
    [InlineData("https://API.GROQ.COM/openai/v1", "groq")]
    public void KnownHost_IsItsProvider(string endpoint, string provider) =>
        Assert.Equal(provider, ProviderEndpoints.Default().ProviderOf(new Uri(endpoint)));

    [Fact]
    public void UnknownHost_OrNoEndpoint_IsNoProvider()
    {
        Assert.Null(ProviderEndpoints.Default().ProviderOf(new Uri("http://127.0.0.1:8000/v1")));
        Assert.Null(ProviderEndpoints.Default().ProviderOf(null));
        // A suffix of a host's name is not a parent domain of it.
        Assert.Null(ProviderEndpoints.Default().ProviderOf(new Uri("https://notopenrouter.ai/v1")));
    }

    [Fact]
    public void AddedHost_IsBookedToItsProvider_AndOverridesTheKnownTable()
    {
        var endpoints = ProviderEndpoints.Default().Add("llm.internal.example", "vllm").Add("api.groq.com", "groq-eu");

        Assert.Equal("vllm", endpoints.ProviderOf(new Uri("http://gpu-1.llm.internal.example:8000/v1")));
        Assert.Equal("groq-eu", endpoints.ProviderOf(new Uri("https://api.groq.com/openai/v1")));
        Assert.Equal("openai", endpoints.ProviderOf(new Uri("https://api.openai.com/v1")));
    }

    [Fact]
    public async Task ProviderHosts_BoundFromConfiguration_BookTheMiddlewaresCalls()
    {
        var recorded = new RecordedUsage();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ProviderHosts:llm.internal.example"] = "vllm" })
            .Build();
        using var chat = new ScriptedChatClient(endpoint: new Uri("http://llm.internal.example/v1")).AsBuilder()
            .UseTokenOptimizer(configuration.Bind, recorded)
            .Build();

        await chat.GetResponseAsync("hello");

        Assert.Equal("vllm", Assert.Single(recorded.Records).Provider);
    }
}
