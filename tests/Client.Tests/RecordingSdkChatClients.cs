using System.ClientModel;
using Anthropic;
using Microsoft.Extensions.AI;
using TokenOptimizer.Client.Anthropic;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>
/// The middleware around the official OpenAI and Anthropic SDKs' own <see cref="IChatClient"/>s, against local stubs of
/// their APIs: what each SDK reports reaches the record, streamed or not, failed or not.
/// </summary>
public sealed class RecordingSdkChatClients : IAsyncLifetime
{
    private readonly RecordedUsage _recorded = new();
    private ChatCompletionsStub _openAi = null!;
    private AnthropicMessagesStub _anthropic = null!;
    private AnthropicClient _anthropicClient = null!;

    public async Task InitializeAsync()
    {
        _openAi = await ChatCompletionsStub.StartAsync();
        _openAi.Respond = (model, prompt) => prompt == "fail" ? StubReply.Error(429) : StubAnswers.OpenAI(model + "-2411");
        _anthropic = await AnthropicMessagesStub.StartAsync();
        _anthropic.Respond = _ => StubAnswers.Anthropic();
        _anthropicClient = _anthropic.AnthropicClient();
    }

    public async Task DisposeAsync()
    {
        _anthropicClient.Dispose();
        await _openAi.DisposeAsync();
        await _anthropic.DisposeAsync();
    }

    // The OpenAI client on an OpenAI-compatible host: the stub's loopback host is booked to Mistral, as api.mistral.ai is.
    private IChatClient OpenAIChat(string model) =>
        _openAi.OpenAIClient().GetChatClient(model).AsIChatClient()
            .AsBuilder()
            .UseTokenOptimizer(o => { o.Feature = "support-chat"; o.ProviderHosts[_openAi.BaseUrl.Host] = "mistral"; }, _recorded)
            .Build();

    private IChatClient AnthropicChat(string model) =>
        _anthropicClient.AsIChatClient(model).AsBuilder()
            .UseTokenOptimizer(o => { o.Feature = "support-chat"; o.SdkDetails = AnthropicSdkDetails.Instance; }, _recorded)
            .Build();

    [Fact]
    public async Task OpenAICompatibleHost_IsTheRecordedProvider()
    {
        using var chat = OpenAIChat("mistral-large-latest");

        await chat.GetResponseAsync("hello");

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("mistral", "mistral-large-latest", "mistral-large-latest-2411"), (record.Provider, record.Model, record.ResponseModel));
        Assert.Equal((1200L, 300L, 1024L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens));
    }

    [Fact]
    public async Task OpenAIStream_RecordsItsTokensFirstTokenAndWholeLatency()
    {
        var rest = new TaskCompletionSource();
        _openAi.Respond = (model, _) => StubAnswers.OpenAI(model + "-2411") with { RestOfStream = rest.Task };
        using var chat = OpenAIChat("mistral-large-latest");

        var text = await StreamTiming.ReadWithTheEndHeldBackAsync(chat, rest, _recorded);

        Assert.Equal("one two three", text);
        Assert.True(Assert.Single(_openAi.Requests)["stream_options"]?["include_usage"]?.GetValue<bool>());
        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("mistral", "mistral-large-latest", "mistral-large-latest-2411", true), (record.Provider, record.Model, record.ResponseModel, record.Streaming));
        Assert.Equal((1200L, 300L, 1024L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens));
        StreamTiming.AssertFirstTokenWithinLatency(record);
    }

    [Fact]
    public async Task OpenAIFailure_KeepsTheProviderAndTheModelAskedFor()
    {
        using var chat = OpenAIChat("mistral-large-latest");

        await Assert.ThrowsAsync<ClientResultException>(() => chat.GetResponseAsync("fail", new ChatOptions { ModelId = "mistral-small-latest" }));

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("mistral", "mistral-small-latest", Outcomes.Failed), (record.Provider, record.Model, record.Outcome));
        Assert.Equal((ErrorTypes.RateLimit, "429"), (record.ErrorType, record.ErrorCode));
    }

    [Fact]
    public async Task AnthropicMessage_RecordsCacheReadsWritesAndOneHourWrites()
    {
        using var chat = AnthropicChat("claude-sonnet-4");

        await chat.GetResponseAsync("hello");

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("anthropic", "claude-sonnet-4", "claude-sonnet-4-20250514"), (record.Provider, record.Model, record.ResponseModel));
        // 100 uncached + 4,000 cache reads + 8,000 cache writes, of which 6,000 for an hour.
        Assert.Equal((12_100L, 800L, 4_000L, 8_000L, 6_000L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.CacheWriteTokens, record.CacheWriteOneHourTokens));
    }

    [Fact]
    public async Task AnthropicStream_RecordsItsTokensFirstTokenAndWholeLatency()
    {
        var rest = new TaskCompletionSource();
        _anthropic.Respond = _ => StubAnswers.Anthropic() with { RestOfStream = rest.Task };
        using var chat = AnthropicChat("claude-sonnet-4");

        var text = await StreamTiming.ReadWithTheEndHeldBackAsync(chat, rest, _recorded);

        Assert.Equal("one two three", text);
        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("anthropic", "claude-sonnet-4", "claude-sonnet-4-20250514", true), (record.Provider, record.Model, record.ResponseModel, record.Streaming));
        Assert.Equal((12_100L, 800L, 4_000L, 8_000L, 6_000L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.CacheWriteTokens, record.CacheWriteOneHourTokens));
        StreamTiming.AssertFirstTokenWithinLatency(record);
    }

    [Fact]
    public async Task AnthropicFailure_KeepsTheProviderTheModelAskedForAndTheStatus()
    {
        _anthropic.Respond = _ => StubReply.Error(529);
        using var chat = AnthropicChat("claude-sonnet-4");

        await Assert.ThrowsAnyAsync<Exception>(() => chat.GetResponseAsync("hello"));

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("anthropic", "claude-sonnet-4", Outcomes.Failed), (record.Provider, record.Model, record.Outcome));
        Assert.Equal((ErrorTypes.ServerError, "529"), (record.ErrorType, record.ErrorCode));
    }
}
