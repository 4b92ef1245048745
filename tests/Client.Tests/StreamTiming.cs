using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>What a streamed call's record says about time.</summary>
internal static class StreamTiming
{
    /// <summary>
    /// The stubs' three words come with two pauses between them; a latency that ends with the stream outlasts the
    /// first token by at least one (the other is margin for delivery jitter).
    /// </summary>
    public static void AssertLatencyOutlastsTheFirstToken(UsageRecorded record)
    {
        Assert.NotNull(record.TimeToFirstTokenMs);
        Assert.True(
            record.LatencyMs - record.TimeToFirstTokenMs >= StubAnswers.Pause.TotalMilliseconds,
            $"latency {record.LatencyMs} ms, first token {record.TimeToFirstTokenMs} ms");
    }
}
