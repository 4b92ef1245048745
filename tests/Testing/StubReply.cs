namespace TokenOptimizer.Testing;

/// <summary>What <see cref="ChatCompletionsStub"/> answers for one call.</summary>
public sealed record StubReply
{
    public string Content { get; init; } = "";

    public int PromptTokens { get; init; }

    public int CompletionTokens { get; init; }

    /// <summary>Anything but 200 answers with an OpenAI-style error body.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Never answers: holds the request until the client gives up (or the stub stops).</summary>
    public bool Hangs { get; init; }

    public static StubReply Text(string content, int promptTokens = 10, int completionTokens = 5) =>
        new() { Content = content, PromptTokens = promptTokens, CompletionTokens = completionTokens };

    public static readonly StubReply Hang = new() { Hangs = true };

    public static StubReply Error(int status) => new() { Status = status };
}
