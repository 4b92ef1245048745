using Anthropic.Models.Messages;

namespace TokenOptimizer.Client.Anthropic;

/// <summary>
/// Collects the usage of a streamed message from its events: <c>message_start</c> carries the prompt's counts (cache
/// reads and writes, one-hour writes among them) and the model; each <c>message_delta</c> carries the output so far
/// (cumulative, so the last one is the whole), and may restate the prompt's counts.
/// </summary>
public sealed class AnthropicStreamUsage
{
    private Usage? _start;
    private MessageDeltaUsage? _last;

    /// <summary>The model the stream's <c>message_start</c> named.</summary>
    public string? Model { get; private set; }

    /// <summary>Whether <paramref name="streamEvent"/> carries part of the answer (text, thinking or a tool call): the first one is the first token.</summary>
    public static bool CarriesContent(RawMessageStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        return streamEvent.TryPickContentBlockStart(out _) || streamEvent.TryPickContentBlockDelta(out _);
    }

    /// <summary>Takes the usage of one event; events without usage are ignored.</summary>
    public void Add(RawMessageStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        if (streamEvent.TryPickStart(out var start))
        {
            _start = start.Message.Usage;
            Model = start.Message.Model;
        }
        else if (streamEvent.TryPickDelta(out var delta))
        {
            _last = delta.Usage;
        }
    }

    /// <summary>The counts of the events so far, with the contract's meaning (see <see cref="AnthropicUsage"/>).</summary>
    public TokenCounts Counts
    {
        get
        {
            var counts = AnthropicUsage.From(_start);
            if (_last is null)
            {
                return counts;
            }

            var cacheRead = _last.CacheReadInputTokens ?? counts.CachedInput;
            var cacheWrite = _last.CacheCreationInputTokens ?? counts.CacheWrite;
            var uncached = _last.InputTokens ?? (counts.Input - counts.CachedInput - counts.CacheWrite);
            return counts with
            {
                Input = uncached + cacheRead + cacheWrite,
                Output = _last.OutputTokens,
                CachedInput = cacheRead,
                CacheWrite = cacheWrite,
                Reasoning = _last.OutputTokensDetails?.ThinkingTokens ?? counts.Reasoning,
            };
        }
    }
}
