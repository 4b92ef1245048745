namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>One provider's OpenAI-compatible chat-completions endpoint: <c>Recommendations:Endpoints:&lt;provider&gt;</c>.</summary>
public sealed class ChatEndpointOptions
{
    /// <summary>The base the client appends <c>/chat/completions</c> to, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as the bearer token. A secret: never logged, never part of any result.</summary>
    public string? ApiKey { get; set; }
}
