using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>The middleware records every call, whatever happens to it, and never changes what the caller gets.</summary>
public sealed class RecordingChatCalls
{
    private readonly RecordedUsage _recorded = new();

    private IChatClient Wrap(ScriptedChatClient inner, IUsageRecorder? recorder = null) =>
        inner.AsBuilder()
            .UseTokenOptimizer(o => { o.Feature = "support-chat"; o.Team = "support"; o.Environment = "test"; o.UserId = "u-1"; }, recorder ?? _recorded)
            .Build();

    [Fact]
    public async Task SucceededCall_IsRecordedWithItsCountsModelAndAttribution()
    {
        using var client = Wrap(new ScriptedChatClient());

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);

        Assert.Equal("answer", response.Text);
        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("openai", "gpt-4o", "gpt-4o-2024-08-06"), (record.Provider, record.Model, record.ResponseModel));
        Assert.Equal((1200L, 300L, 1024L, 0L, 120L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.CacheWriteTokens, record.ReasoningTokens));
        Assert.Equal(("support-chat", "support", "test", "u-1"), (record.Feature, record.Team, record.Environment, record.UserId));
        Assert.Equal(Outcomes.Succeeded, record.Outcome);
        Assert.False(record.Streaming);
        Assert.True(record.LatencyMs >= 0);
        Assert.Empty(record.Capabilities!);
        Assert.False(string.IsNullOrEmpty(record.RequestId));
    }

    [Fact]
    public async Task ResponseWithoutModel_IsRecordedUnderTheRequestedModel()
    {
        using var client = Wrap(new ScriptedChatClient(model: "default-model") { ResponseModel = null });

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], new ChatOptions { ModelId = "gpt-4o-mini" });

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("gpt-4o-mini", (string?)null), (record.Model, record.ResponseModel));
    }

    [Fact]
    public async Task FailedCall_IsRecordedAsFailed_AndTheCallerGetsTheSameException()
    {
        var thrown = new ClientResultException("rate limited", new StatusOnlyResponse(429));
        using var client = Wrap(new ScriptedChatClient { Failure = thrown });

        var caught = await Assert.ThrowsAsync<ClientResultException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]));

        Assert.Same(thrown, caught);
        var record = Assert.Single(_recorded.Records);
        Assert.Equal((Outcomes.Failed, ErrorTypes.RateLimit, "429"), (record.Outcome, record.ErrorType, record.ErrorCode));
        Assert.Equal(0, record.InputTokens);
        Assert.DoesNotContain("rate limited", record.ErrorMessage);
    }

    [Fact]
    public async Task CallTheCallerCancelled_IsRecordedAsCancelled()
    {
        using var client = Wrap(new ScriptedChatClient());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")], cancellationToken: cancelled.Token));

        var record = Assert.Single(_recorded.Records);
        Assert.Equal((Outcomes.Failed, ErrorTypes.Other, CallErrors.Cancelled), (record.Outcome, record.ErrorType, record.ErrorCode));
    }

    [Fact]
    public async Task BrokenRecorder_NeverFailsTheCall()
    {
        using var client = Wrap(new ScriptedChatClient(), new RecordedUsage { Throws = true });

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]);
        var streamed = await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")]).ToChatResponseAsync();

        Assert.Equal("answer", response.Text);
        Assert.Equal("one two three", streamed.Text);
    }

    [Fact]
    public async Task BrokenRecorder_LetsTheCallersOwnFailureThrough()
    {
        var thrown = new InvalidOperationException("provider down");
        using var client = Wrap(new ScriptedChatClient { Failure = thrown }, new RecordedUsage { Throws = true });

        var caught = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hello")]));

        Assert.Same(thrown, caught);
    }

    [Fact]
    public async Task StreamedCall_IsRecordedOnceWithTheUsageOfItsLastUpdateAndTimeToFirstToken()
    {
        using var client = Wrap(new ScriptedChatClient());

        var response = await client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")]).ToChatResponseAsync();

        Assert.Equal("one two three", response.Text);
        var record = Assert.Single(_recorded.Records);
        Assert.True(record.Streaming);
        Assert.Equal((1200L, 300L, 1024L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens));
        Assert.NotNull(record.TimeToFirstTokenMs);
        Assert.True(record.TimeToFirstTokenMs <= record.LatencyMs);
        Assert.Equal(("gpt-4o", "gpt-4o-2024-08-06"), (record.Model, record.ResponseModel));
    }

    [Fact]
    public async Task StreamThatFails_IsRecordedAsFailed()
    {
        using var client = Wrap(new ScriptedChatClient { Failure = new HttpRequestException("reset", null, System.Net.HttpStatusCode.BadGateway) });

        await Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")]))
            {
            }
        });

        var record = Assert.Single(_recorded.Records);
        Assert.Equal((Outcomes.Failed, ErrorTypes.ServerError, "502", true), (record.Outcome, record.ErrorType, record.ErrorCode, record.Streaming));
    }

    [Fact]
    public async Task StreamTheCallerLeavesEarly_IsStillRecordedOnce()
    {
        using var client = Wrap(new ScriptedChatClient());

        await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hello")]))
        {
            break;
        }

        var record = Assert.Single(_recorded.Records);
        Assert.Equal((Outcomes.Failed, CallErrors.Cancelled), (record.Outcome, record.ErrorCode));
    }

    [Fact]
    public async Task ToolsSchemaAndImages_AreRecordedAsTheCallsCapabilities()
    {
        using var client = Wrap(new ScriptedChatClient());
        var options = new ChatOptions
        {
            Tools = [AIFunctionFactory.Create(() => "sunny", "weather")],
            ResponseFormat = ChatResponseFormat.ForJsonSchema<Forecast>(),
        };
        ChatMessage[] messages = [new(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 1, 2, 3 }, "image/png")])];

        await client.GetResponseAsync(messages, options);

        Assert.Equal([CallCapabilities.Tools, CallCapabilities.JsonSchema, CallCapabilities.Vision], Assert.Single(_recorded.Records).Capabilities);
    }

    private sealed record Forecast(string Summary);

    /// <summary>The least of an HTTP response that <see cref="ClientResultException"/> needs: a status.</summary>
    private sealed class StatusOnlyResponse(int status) : PipelineResponse
    {
        public override int Status => status;

        public override string ReasonPhrase => "";

        public override Stream? ContentStream { get; set; }

        public override BinaryData Content => BinaryData.Empty;

        protected override PipelineResponseHeaders HeadersCore => throw new NotSupportedException();

        public override BinaryData BufferContent(CancellationToken cancellationToken = default) => BinaryData.Empty;

        public override ValueTask<BinaryData> BufferContentAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(BinaryData.Empty);

        public override void Dispose()
        {
        }
    }
}
