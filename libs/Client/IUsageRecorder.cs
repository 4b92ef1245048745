using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>Takes usage records to send to TokenOptimizer in the background.</summary>
public interface IUsageRecorder
{
    /// <summary>
    /// Queues <paramref name="record"/> and returns at once: never blocks on the network and never throws, so recording
    /// can sit on an application's request path. A full buffer drops a record and counts it.
    /// </summary>
    void Record(UsageRecorded record);
}
