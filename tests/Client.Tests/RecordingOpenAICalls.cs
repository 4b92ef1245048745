using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using TokenOptimizer.Client.OpenAI;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>
/// Code that calls the official OpenAI SDK directly records each call with <see cref="UsageCall"/> and the OpenAI
/// adapter: against a local OpenAI-compatible stub that, like a provider, only reports a stream's usage when asked to.
/// </summary>
public sealed class RecordingOpenAICalls : IAsyncLifetime
{
    private const string Model = "llama-3.3-70b-versatile";
    private readonly RecordedUsage _recorded = new();
    private ChatCompletionsStub _llm = null!;
    private OpenAIClientOptions _clientOptions = null!;

    public async Task InitializeAsync()
    {
        _llm = await ChatCompletionsStub.StartAsync();
        _llm.Respond = (_, prompt) => prompt == "fail" ? StubReply.Error(429) : StubAnswers.OpenAI(Model + "-0125");
        _clientOptions = _llm.ClientOptions();
    }

    public async Task DisposeAsync() => await _llm.DisposeAsync();

    // The stub's loopback host stands for Groq's, as api.groq.com is in the default table.
    private string Provider => OpenAIProvider.Of(_clientOptions, ProviderEndpoints.Default().Add(_llm.BaseUrl.Host, "groq"));

    private ChatClient Chat => _llm.OpenAIClient().GetChatClient(Model);

    [Fact]
    public async Task Completion_IsBookedToTheProviderOfItsEndpoint_WithBothModelsAndItsCounts()
    {
        var call = UsageCall.Start(_recorded, Provider, Model);

        ChatCompletion completion = await Chat.CompleteChatAsync([new UserChatMessage("hello")]);
        call.Succeeded(OpenAIUsage.From(completion), completion.Model);

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("groq", Model, Model + "-0125"), (record.Provider, record.Model, record.ResponseModel));
        Assert.Equal((1200L, 300L, 1024L, false), (record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.Streaming));
    }

    [Fact]
    public async Task FailedCall_KeepsTheProviderAndModelItAskedFor()
    {
        var call = UsageCall.Start(_recorded, Provider, Model);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Chat.CompleteChatAsync([new UserChatMessage("fail")]));
        call.Failed(error);

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("groq", Model, Outcomes.Failed), (record.Provider, record.Model, record.Outcome));
        Assert.Equal((ErrorTypes.RateLimit, "429"), (record.ErrorType, record.ErrorCode));
    }

    [Fact]
    public async Task StreamedCallAsync_RecordsItsTokensFirstTokenAndWholeLatency()
    {
        var call = UsageCall.Start(_recorded, Provider, Model, streaming: true);
        (TokenCounts Counts, string? Model) last = default;

        await foreach (var update in Chat.CompleteChatStreamingAsync([new UserChatMessage("hello")]))
        {
            Observe(call, update, ref last);
        }

        call.Succeeded(last.Counts, last.Model);
        AssertStreamedRecord();
    }

    [Fact]
    public void StreamedCall_RecordsItsTokensFirstTokenAndWholeLatency()
    {
        var call = UsageCall.Start(_recorded, Provider, Model, streaming: true);
        (TokenCounts Counts, string? Model) last = default;

        foreach (var update in Chat.CompleteChatStreaming([new UserChatMessage("hello")]))
        {
            Observe(call, update, ref last);
        }

        call.Succeeded(last.Counts, last.Model);
        AssertStreamedRecord();
    }

    private static void Observe(UsageCall call, StreamingChatCompletionUpdate update, ref (TokenCounts Counts, string? Model) last)
    {
        if (update.ContentUpdate.Count > 0)
        {
            call.FirstToken();
        }

        if (update.Usage is not null)
        {
            last = (OpenAIUsage.From(update), update.Model);
        }
    }

    private void AssertStreamedRecord()
    {
        // The SDK asked for the usage a stream only carries on request.
        Assert.True(Assert.Single(_llm.Requests)["stream_options"]?["include_usage"]?.GetValue<bool>());
        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("groq", Model, Model + "-0125", true), (record.Provider, record.Model, record.ResponseModel, record.Streaming));
        Assert.Equal((1200L, 300L, 1024L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens));
        StreamTiming.AssertFirstTokenWithinLatency(record);
    }
}
