using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Client.Tests;

/// <summary>The recorder's promises: batches, retries passing failures, bounded memory, and delivery on shutdown.</summary>
public sealed class SendingUsageInTheBackground
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static TokenOptimizerClientOptions Options(int batchSize = 100, int capacity = 10_000) => new()
    {
        BatchSize = batchSize,
        BufferCapacity = capacity,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        FirstRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(40),
    };

    private static UsageRecorded Usage(int i) =>
        UsageRecords.Succeeded("openai", "gpt-4o", new TokenCounts(100 + i, 10), DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(5));

    [Fact]
    public async Task Records_AreSentInBatchesNoLargerThanTheBatchSize()
    {
        var transport = new ScriptedTransport();
        await using var recorder = new UsageRecorder(transport, Options(batchSize: 40));
        var records = Enumerable.Range(0, 250).Select(Usage).ToList();

        records.ForEach(recorder.Record);
        await recorder.FlushAsync();

        Assert.Equal(records.Select(r => r.RequestId), transport.Delivered.Select(r => r.RequestId));
        Assert.All(transport.Attempts, batch => Assert.InRange(batch.Count, 1, 40));
        Assert.Equal((250L, 250L, 0L), (recorder.Recorded, recorder.Delivered, recorder.Pending));
    }

    [Fact]
    public async Task PassingFailures_AreRetriedUntilTheBatchIsDelivered()
    {
        var transport = new ScriptedTransport
        {
            Answer = (attempt, _) => attempt switch
            {
                1 => throw new HttpRequestException("connection refused"),
                2 or 3 => DeliveryResult.TryAgain("HTTP 503"),
                _ => DeliveryResult.Delivered(),
            },
        };
        await using var recorder = new UsageRecorder(transport, Options());
        var record = Usage(1);

        recorder.Record(record);
        await recorder.FlushAsync();

        Assert.Equal(4, transport.Attempts.Count);
        Assert.All(transport.Attempts, batch => Assert.Equal(record.RequestId, Assert.Single(batch).RequestId));
        Assert.Equal(1, recorder.Delivered);
    }

    [Fact]
    public async Task RefusedBatch_IsNotSentAgain_AndIsCounted()
    {
        var transport = new ScriptedTransport { Answer = (_, _) => DeliveryResult.Refused("HTTP 401") };
        await using var recorder = new UsageRecorder(transport, Options());

        recorder.Record(Usage(1));
        recorder.Record(Usage(2));
        await recorder.FlushAsync();

        Assert.Single(transport.Attempts);
        Assert.Equal((2L, 0L, 0L), (recorder.Refused, recorder.Delivered, recorder.Pending));
    }

    [Fact]
    public async Task RecordsIngestionRejects_AreCountedAsRejected_NotRetried()
    {
        var transport = new ScriptedTransport { Answer = (_, batch) => DeliveryResult.Delivered(rejected: batch.Count(r => r.InputTokens < 0)) };
        await using var recorder = new UsageRecorder(transport, Options());

        recorder.Record(Usage(1));
        recorder.Record(Usage(2) with { InputTokens = -1 });
        await recorder.FlushAsync();

        Assert.Single(transport.Attempts);
        Assert.Equal((1L, 1L), (recorder.Delivered, recorder.Rejected));
    }

    [Fact]
    public async Task FullBuffer_DropsTheOldestRecords_AndCountsThem()
    {
        // Ingestion is down: the first batch is held by the sender, retried, while the buffer fills behind it.
        var up = false;
        var transport = new ScriptedTransport { Answer = (_, _) => Volatile.Read(ref up) ? DeliveryResult.Delivered() : DeliveryResult.TryAgain("down") };
        await using var recorder = new UsageRecorder(transport, Options(batchSize: 1, capacity: 10));
        var first = Usage(0);
        recorder.Record(first);
        await Eventually.UntilAsync(() => !transport.Attempts.IsEmpty, Patience, "the first record is being sent");
        var rest = Enumerable.Range(1, 25).Select(Usage).ToList();

        rest.ForEach(recorder.Record);
        Volatile.Write(ref up, true);
        await recorder.FlushAsync();

        var kept = rest.TakeLast(10).Select(r => r.RequestId).Prepend(first.RequestId);
        Assert.Equal(kept, transport.Delivered.Select(r => r.RequestId));
        Assert.Equal((15L, 11L, 0L), (recorder.Dropped, recorder.Delivered, recorder.Pending));
    }

    [Fact]
    public async Task Disposing_DeliversWhatIsBuffered()
    {
        var transport = new ScriptedTransport();
        var options = Options();
        options.FlushInterval = TimeSpan.FromMinutes(5);
        var recorder = new UsageRecorder(transport, options);
        var records = Enumerable.Range(0, 30).Select(Usage).ToList();
        records.ForEach(recorder.Record);

        await recorder.DisposeAsync();

        Assert.Equal(records.Select(r => r.RequestId), transport.Delivered.Select(r => r.RequestId));
    }

    [Fact]
    public async Task Disposing_WhileIngestionIsDown_GivesUpAfterTheShutdownTimeout_AndCountsTheUnsent()
    {
        var transport = new ScriptedTransport { Answer = (_, _) => DeliveryResult.TryAgain("down") };
        var options = Options();
        options.ShutdownTimeout = TimeSpan.FromMilliseconds(300);
        var recorder = new UsageRecorder(transport, options);
        Enumerable.Range(0, 7).Select(Usage).ToList().ForEach(recorder.Record);

        await recorder.DisposeAsync();

        Assert.Equal((7L, 0L), (recorder.Unsent, recorder.Pending));
    }

    [Fact]
    public void DisposingSynchronously_AlsoDeliversWhatIsBuffered()
    {
        var transport = new ScriptedTransport();
        var recorder = new UsageRecorder(transport, Options());
        var record = Usage(1);
        recorder.Record(record);

        recorder.Dispose();

        Assert.Equal(record.RequestId, Assert.Single(transport.Delivered).RequestId);
    }

    [Fact]
    public async Task RecordingAfterDisposal_NeverThrows_AndCountsADrop()
    {
        var recorder = new UsageRecorder(new ScriptedTransport(), Options());
        await recorder.DisposeAsync();

        recorder.Record(Usage(1));

        Assert.Equal(1, recorder.Dropped);
    }
}
