using System.Collections.Concurrent;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client.Tests;

/// <summary>An <see cref="IUsageRecorder"/> that keeps what it is given, or throws when told to.</summary>
internal sealed class RecordedUsage : IUsageRecorder
{
    public ConcurrentQueue<UsageRecorded> Records { get; } = new();

    public bool Throws { get; init; }

    public void Record(UsageRecorded record)
    {
        if (Throws)
        {
            throw new InvalidOperationException("recorder broken");
        }

        Records.Enqueue(record);
    }
}
