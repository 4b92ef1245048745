using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace TokenOptimizer.Client.Tests;

/// <summary>An LLM stand-in inside the process: answers (or fails) as its script says, with fixed usage.</summary>
internal sealed class ScriptedChatClient(string provider = "openai", string model = "gpt-4o", Uri? endpoint = null) : IChatClient
{
    public UsageDetails Usage { get; init; } = new() { InputTokenCount = 1200, OutputTokenCount = 300, CachedInputTokenCount = 1024, ReasoningTokenCount = 120 };

    public Exception? Failure { get; init; }

    public string? ResponseModel { get; init; } = "gpt-4o-2024-08-06";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Failure is null
            ? Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "answer")) { ModelId = ResponseModel, Usage = Usage })
            : Task.FromException<ChatResponse>(Failure);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var word in new[] { "one ", "two ", "three" })
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word) { ModelId = ResponseModel };
        }

        if (Failure is not null)
        {
            throw Failure;
        }

        // Providers report usage in a last update of its own.
        yield return new ChatResponseUpdate { Contents = [new UsageContent(Usage)] };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata(provider, endpoint, model) : null;

    public void Dispose()
    {
    }
}
