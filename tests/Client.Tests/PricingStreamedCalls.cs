using Anthropic;
using Microsoft.Extensions.AI;
using TokenOptimizer.Catalog;
using TokenOptimizer.Client.Anthropic;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>
/// A streamed call's record is priced by Ingestion at its real cost, not $0: its tokens, provider and model are there.
/// Expected figures are hand-computed from the shipped catalog (libs/Catalog/Data/model-prices.json).
/// </summary>
public sealed class PricingStreamedCalls : IAsyncLifetime
{
    private readonly RecordedUsage _recorded = new();
    private ChatCompletionsStub _openAi = null!;
    private AnthropicMessagesStub _anthropic = null!;

    public async Task InitializeAsync()
    {
        _openAi = await ChatCompletionsStub.StartAsync();
        _anthropic = await AnthropicMessagesStub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _openAi.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    [Fact]
    public async Task OpenAIClientOnGroq_StreamedCall_IsPricedAtGroqsRates()
    {
        _openAi.Respond = (_, _) => StubAnswers.OpenAI();
        using var chat = _openAi.OpenAIClient().GetChatClient("llama-3.3-70b-versatile").AsIChatClient()
            .AsBuilder().UseTokenOptimizer(o => o.ProviderHosts[_openAi.BaseUrl.Host] = "groq", _recorded).Build();

        await chat.GetStreamingResponseAsync("hello").ToChatResponseAsync();

        // groq/llama-3.3-70b-versatile: $0.00000059 per input token, $0.00000079 per output token.
        // No cache-read rate: the 1,024 cached tokens are billed as input (the catalog's fallback).
        // 1,200 × 0.00000059 = 0.000708; 300 × 0.00000079 = 0.000237; total 0.000945.
        var cost = UsagePricer.Price(ModelCatalog.LoadDefault(), Assert.Single(_recorded.Records));
        Assert.Equal((true, "groq/llama-3.3-70b-versatile", 0.000945m), (cost.Priced, cost.CatalogKey, cost.TotalUsd));
    }

    [Fact]
    public async Task AnthropicStreamedCall_IsPricedWithItsCacheReadsAndBothKindsOfCacheWrites()
    {
        _anthropic.Respond = _ => StubAnswers.Anthropic();
        using var client = _anthropic.AnthropicClient();
        using var chat = client.AsIChatClient("claude-sonnet-4").AsBuilder()
            .UseTokenOptimizer(o => o.SdkDetails = AnthropicSdkDetails.Instance, _recorded).Build();

        await chat.GetStreamingResponseAsync("hello").ToChatResponseAsync();

        // claude-sonnet-4-20250514 per token: input 0.000003, cache read 0.0000003, cache write 0.00000375,
        // one-hour cache write 0.000006, output 0.000015.
        // 100 × 0.000003 = 0.0003; 4,000 × 0.0000003 = 0.0012; 2,000 five-minute writes × 0.00000375 = 0.0075;
        // 6,000 one-hour writes × 0.000006 = 0.036; 800 × 0.000015 = 0.012; total 0.057.
        var record = Assert.Single(_recorded.Records);
        var cost = UsagePricer.Price(ModelCatalog.LoadDefault(), record);
        Assert.Equal((true, "claude-sonnet-4-20250514", 0.057m), (cost.Priced, cost.CatalogKey, cost.TotalUsd));
        Assert.Equal(Outcomes.Succeeded, record.Outcome);
    }
}
