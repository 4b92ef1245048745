using Anthropic;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using TokenOptimizer.Client.Anthropic;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>
/// Code that calls the official Anthropic SDK directly records each call with <see cref="UsageCall"/> and the Anthropic
/// adapter, against a local stand-in for the Messages API. (The SDK has no synchronous calls.)
/// </summary>
public sealed class RecordingAnthropicCalls : IAsyncLifetime
{
    private const string Model = "claude-sonnet-4";
    private const string Snapshot = "claude-sonnet-4-20250514";
    private readonly RecordedUsage _recorded = new();
    private AnthropicMessagesStub _llm = null!;
    private AnthropicClient _client = null!;

    public async Task InitializeAsync()
    {
        _llm = await AnthropicMessagesStub.StartAsync();
        _llm.Respond = _ => StubAnswers.Anthropic();
        _client = _llm.AnthropicClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _llm.DisposeAsync();
    }

    private static MessageCreateParams Ask() => new()
    {
        Model = Model,
        MaxTokens = 1024,
        Messages = [new UserMessageParam { Content = "hello" }],
    };

    [Fact]
    public async Task Message_IsRecordedWithItsCacheReadsWritesAndOneHourWrites()
    {
        var call = UsageCall.Start(_recorded, "anthropic", Model);

        var message = await _client.Messages.Create(Ask());
        call.Succeeded(AnthropicUsage.From(message), message.Model);

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("anthropic", Model, Snapshot), (record.Provider, record.Model, record.ResponseModel));
        Assert.Equal((12_100L, 800L, 4_000L, 8_000L, 6_000L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.CacheWriteTokens, record.CacheWriteOneHourTokens));
    }

    [Fact]
    public async Task StreamedMessage_RecordsItsTokensFirstTokenAndWholeLatency()
    {
        var call = UsageCall.Start(_recorded, "anthropic", Model, streaming: true);
        var usage = new AnthropicStreamUsage();

        await foreach (var streamEvent in _client.Messages.CreateStreaming(Ask()))
        {
            if (AnthropicStreamUsage.CarriesContent(streamEvent))
            {
                call.FirstToken();
            }

            usage.Add(streamEvent);
        }

        call.Succeeded(usage.Counts, usage.Model);

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("anthropic", Model, Snapshot, true), (record.Provider, record.Model, record.ResponseModel, record.Streaming));
        // The output is the last message_delta's (800), not message_start's running count (1).
        Assert.Equal((12_100L, 800L, 4_000L, 8_000L, 6_000L), (record.InputTokens, record.OutputTokens, record.CachedInputTokens, record.CacheWriteTokens, record.CacheWriteOneHourTokens));
        StreamTiming.AssertFirstTokenWithinLatency(record);
    }

    [Theory]
    [InlineData(429, ErrorTypes.RateLimit)]
    [InlineData(529, ErrorTypes.ServerError)]
    public async Task FailedCall_KeepsTheProviderAndModelItAskedFor_WithTheStatus(int status, string errorType)
    {
        _llm.Respond = _ => StubReply.Error(status);
        var call = UsageCall.Start(_recorded, "anthropic", Model);

        var error = await Assert.ThrowsAnyAsync<AnthropicApiException>(() => _client.Messages.Create(Ask()));
        call.Failed(error, status: AnthropicErrors.StatusOf(error));

        var record = Assert.Single(_recorded.Records);
        Assert.Equal(("anthropic", Model, Outcomes.Failed), (record.Provider, record.Model, record.Outcome));
        Assert.Equal((errorType, status.ToString(System.Globalization.CultureInfo.InvariantCulture)), (record.ErrorType, record.ErrorCode));
    }
}
