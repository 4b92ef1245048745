using Microsoft.Extensions.AI;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>What a streamed call's record says about time, and a stream read with its end held back.</summary>
internal static class StreamTiming
{
    /// <summary>The first token came at or before the end of the call.</summary>
    public static void AssertFirstTokenWithinLatency(UsageRecorded record)
    {
        Assert.NotNull(record.TimeToFirstTokenMs);
        Assert.True(record.TimeToFirstTokenMs <= record.LatencyMs, $"latency {record.LatencyMs} ms, first token {record.TimeToFirstTokenMs} ms");
    }

    /// <summary>
    /// Reads <paramref name="chat"/>'s stream to its first text while the stub holds back the rest (until
    /// <paramref name="rest"/> is released): no record may exist yet, since the call is not over while its stream is
    /// not. Then reads the stream to its end; returns its text.
    /// </summary>
    public static async Task<string> ReadWithTheEndHeldBackAsync(IChatClient chat, TaskCompletionSource rest, RecordedUsage recorded)
    {
        var text = "";
        await using var updates = chat.GetStreamingResponseAsync("hello").GetAsyncEnumerator();
        while (text.Length == 0 && await updates.MoveNextAsync())
        {
            text += updates.Current.Text;
        }

        Assert.Empty(recorded.Records);
        rest.SetResult();
        while (await updates.MoveNextAsync())
        {
            text += updates.Current.Text;
        }

        return text;
    }
}
