using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace TokenOptimizer.ClientOverhead;

/// <summary>The inner client: answers at once from memory with a fixed response and usage, so only the middleware is measured.</summary>
internal sealed class FixedChatClient : IChatClient
{
    private static readonly UsageDetails Usage = new() { InputTokenCount = 1200, OutputTokenCount = 300, CachedInputTokenCount = 1024, ReasoningTokenCount = 120 };
    private readonly Task<ChatResponse> _response = Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer")) { ModelId = "gpt-4o-2024-08-06", Usage = Usage });
    private readonly ChatResponseUpdate[] _updates =
    [
        new(ChatRole.Assistant, "an") { ModelId = "gpt-4o-2024-08-06" },
        new(ChatRole.Assistant, "swer") { ModelId = "gpt-4o-2024-08-06" },
        new() { Contents = [new UsageContent(Usage)] },
    ];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) => _response;

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in _updates)
        {
            yield return update;
        }

        await Task.CompletedTask;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("openai", defaultModelId: "gpt-4o") : null;

    public void Dispose()
    {
    }
}
