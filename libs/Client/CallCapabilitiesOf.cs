using Microsoft.Extensions.AI;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>
/// What a call needed beyond text (<see cref="CallCapabilities"/>), so a cheaper model is only suggested for traffic
/// it can serve. Stated only when the messages can be inspected without enumerating a one-shot sequence twice.
/// </summary>
internal static class CallCapabilitiesOf
{
    public static IReadOnlyList<string>? Call(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        if (messages is not IReadOnlyCollection<ChatMessage> inspectable)
        {
            return null;
        }

        List<string>? needed = null;
        if (options?.Tools is { Count: > 0 })
        {
            (needed ??= []).Add(CallCapabilities.Tools);
        }

        if (options?.ResponseFormat is ChatResponseFormatJson { Schema: not null })
        {
            (needed ??= []).Add(CallCapabilities.JsonSchema);
        }

        if (inspectable.Any(m => m.Contents.Any(IsImage)))
        {
            (needed ??= []).Add(CallCapabilities.Vision);
        }

        return needed ?? [];
    }

    private static bool IsImage(AIContent content) => content switch
    {
        DataContent data => data.HasTopLevelMediaType("image"),
        UriContent uri => uri.HasTopLevelMediaType("image"),
        _ => false,
    };
}
