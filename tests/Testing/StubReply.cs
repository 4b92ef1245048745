namespace TokenOptimizer.Testing;

/// <summary>What <see cref="ChatCompletionsStub"/> answers for one call.</summary>
public sealed record StubReply
{
    public string Content { get; init; } = "";

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    /// <summary>Of <see cref="PromptTokens"/>, read from the prompt cache.</summary>
    public int CachedPromptTokens { get; init; }

    /// <summary>Prompt tokens written to the cache (Anthropic: on top of the uncached <see cref="PromptTokens"/>).</summary>
    public int CacheWriteTokens { get; init; }

    /// <summary>Of <see cref="CacheWriteTokens"/>, written with a one-hour lifetime (Anthropic).</summary>
    public int CacheWriteOneHourTokens { get; init; }

    /// <summary>The model the response names; the requested one when null (providers answer with a dated snapshot).</summary>
    public string? ResponseModel { get; init; }

    /// <summary>A streamed answer sends its first content chunk, then the rest only once this completes (a test's gate).</summary>
    public Task? RestOfStream { get; init; }

    /// <summary>Anything but 200 answers with an OpenAI-style error body.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Never answers: holds the request until the client gives up (or the stub stops).</summary>
    public bool Hangs { get; init; }

    public static StubReply Text(string content, int promptTokens = 10, int completionTokens = 5) =>
        new() { Content = content, PromptTokens = promptTokens, CompletionTokens = completionTokens };

    public static readonly StubReply Hang = new() { Hangs = true };

    public static StubReply Error(int status) => new() { Status = status };
}
