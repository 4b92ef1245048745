using System.ClientModel.Primitives;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;
using TokenOptimizer.Client.Anthropic;
using AnthropicMessage = Anthropic.Models.Messages.Message;
using TokenOptimizer.Client.OpenAI;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>Each provider's usage shape becomes the contract's one meaning of every count.</summary>
public sealed class ReadingProviderUsage
{
    [Fact]
    public void OpenAIUsage_FromTheModelFactory_KeepsInputWithCachedAndOutputWithReasoning()
    {
        var usage = OpenAIChatModelFactory.ChatTokenUsage(
            outputTokenCount: 300, inputTokenCount: 1200, totalTokenCount: 1500,
            outputTokenDetails: OpenAIChatModelFactory.ChatOutputTokenUsageDetails(reasoningTokenCount: 120),
            inputTokenDetails: OpenAIChatModelFactory.ChatInputTokenUsageDetails(audioTokenCount: 0, cachedTokenCount: 1024));

        var counts = OpenAIUsage.From(usage);

        Assert.Equal(new TokenCounts(Input: 1200, Output: 300, CachedInput: 1024, CacheWrite: 0, Reasoning: 120), counts);
    }

    [Fact]
    public void OpenAICompletion_FromTheWireJson_IsReadTheSameWay()
    {
        const string json = """
            {"id":"chatcmpl-2","object":"chat.completion","created":1764000000,"model":"gpt-4o-2024-08-06",
             "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":2006,"completion_tokens":300,"total_tokens":2306,
                      "prompt_tokens_details":{"cached_tokens":1920,"audio_tokens":0},
                      "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}}
            """;
        var completion = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromString(json))!;

        var counts = OpenAIUsage.From(completion);

        Assert.Equal(new TokenCounts(Input: 2006, Output: 300, CachedInput: 1920), counts);
    }

    [Fact]
    public void OpenAICompletion_WithoutUsage_CountsNothing()
    {
        var completion = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromString("""
            {"id":"chatcmpl-3","object":"chat.completion","created":1764000000,"model":"gpt-4o",
             "choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]}
            """))!;

        Assert.Equal(default, OpenAIUsage.From(completion));
    }

    [Fact]
    public void AnthropicMessage_AddsCacheReadsAndWritesToTheInput()
    {
        const int uncached = 100, cacheRead = 4000, cacheWrite = 500, output = 800, thinking = 350;
        var message = JsonSerializer.Deserialize<AnthropicMessage>($$$"""
            {"id":"msg_01","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
             "content":[{"type":"text","text":"hi"}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":{{{uncached}}},"cache_read_input_tokens":{{{cacheRead}}},"cache_creation_input_tokens":{{{cacheWrite}}},
                      "output_tokens":{{{output}}},"output_tokens_details":{"thinking_tokens":{{{thinking}}} } } }
            """)!;

        var counts = AnthropicUsage.From(message);

        Assert.Equal(new TokenCounts(Input: uncached + cacheRead + cacheWrite, Output: output, CachedInput: cacheRead, CacheWrite: cacheWrite, Reasoning: thinking), counts);
        Assert.True(counts.CachedInput + counts.CacheWrite <= counts.Input);
    }

    [Fact]
    public void AnthropicMessage_SaysWhichCacheWritesLastAnHour()
    {
        var message = JsonSerializer.Deserialize<AnthropicMessage>("""
            {"id":"msg_03","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
             "content":[],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":100,"cache_read_input_tokens":0,"cache_creation_input_tokens":8000,
                      "cache_creation":{"ephemeral_5m_input_tokens":2000,"ephemeral_1h_input_tokens":6000},"output_tokens":10}}
            """)!;

        var record = UsageRecords.Succeeded(
            "anthropic", "claude-sonnet-4", AnthropicUsage.From(message), DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), responseModel: message.Model);

        Assert.Equal((8_100L, 8_000L, 6_000L), (record.InputTokens, record.CacheWriteTokens, record.CacheWriteOneHourTokens));
        Assert.Equal(("claude-sonnet-4", "claude-sonnet-4-20250514"), (record.Model, record.ResponseModel));
    }

    [Fact]
    public void AnthropicMessage_WithoutCacheFields_IsItsInputAlone()
    {
        var message = JsonSerializer.Deserialize<AnthropicMessage>("""
            {"id":"msg_02","type":"message","role":"assistant","model":"claude-3-5-haiku-20241022",
             "content":[],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":42,"output_tokens":7}}
            """)!;

        Assert.Equal(new TokenCounts(Input: 42, Output: 7), AnthropicUsage.From(message));
    }

    [Fact]
    public void UsageDetails_TakeCacheWritesFromTheAdditionalCounts()
    {
        var usage = new UsageDetails
        {
            InputTokenCount = 4600, OutputTokenCount = 50, CachedInputTokenCount = 4000, ReasoningTokenCount = 20,
            AdditionalCounts = new() { [TokenCounts.CacheCreationInputTokensKey] = 500 },
        };

        Assert.Equal(new TokenCounts(Input: 4600, Output: 50, CachedInput: 4000, CacheWrite: 500, Reasoning: 20), TokenCounts.FromUsageDetails(usage));
    }
}
