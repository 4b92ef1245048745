using TokenOptimizer.Testing;

namespace TokenOptimizer.Client.Tests;

/// <summary>What the local OpenAI and Anthropic stubs answer in these tests: usage with every part the contract counts.</summary>
internal static class StubAnswers
{
    /// <summary>1,200 prompt tokens (1,024 of them cached) and 300 completion tokens, answered by <paramref name="responseModel"/>.</summary>
    public static StubReply OpenAI(string? responseModel = null) =>
        StubReply.Text("one two three", promptTokens: 1200, completionTokens: 300) with { CachedPromptTokens = 1024, ResponseModel = responseModel };

    /// <summary>
    /// 100 uncached prompt tokens + 4,000 read from the cache + 8,000 written to it (6,000 of them for an hour) = 12,100
    /// prompt tokens; 800 output tokens; answered by the snapshot <c>claude-sonnet-4-20250514</c>.
    /// </summary>
    public static StubReply Anthropic() =>
        StubReply.Text("one two three", promptTokens: 100, completionTokens: 800) with
        {
            CachedPromptTokens = 4000, CacheWriteTokens = 8000, CacheWriteOneHourTokens = 6000, ResponseModel = "claude-sonnet-4-20250514",
        };
}
