using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using TokenOptimizer.Contracts;
using TokenOptimizer.DemoTraffic;

namespace TokenOptimizer.Testing;

/// <summary>
/// A producer under test: sends generated usage records at a steady rate, in sends of a few records, until stopped,
/// and remembers every record it sent. A send that fails (the broker or Ingestion unreachable) is tried again until
/// it succeeds, as the SDK's recorder does, so every record counts as sent exactly once whatever the outage.
/// </summary>
public sealed class UsageTraffic
{
    private readonly ConcurrentQueue<UsageRecorded> _sent = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;
    private long _failedSends;

    private UsageTraffic(Func<IReadOnlyList<UsageRecorded>, CancellationToken, Task> send, int recordsPerSecond, int recordsPerSend, int seed)
    {
        _sending = Task.Run(() => SendAsync(send, recordsPerSecond, recordsPerSend, seed));
    }

    /// <summary>Every record sent so far.</summary>
    public IReadOnlyList<UsageRecorded> Sent => [.. _sent];

    /// <summary>Sends that failed and were tried again.</summary>
    public long FailedSends => Interlocked.Read(ref _failedSends);

    /// <summary>Starts sending <paramref name="recordsPerSecond"/> records a second, <paramref name="recordsPerSend"/> per call of <paramref name="send"/>.</summary>
    public static UsageTraffic Start(Func<IReadOnlyList<UsageRecorded>, CancellationToken, Task> send, int recordsPerSecond, int recordsPerSend = 1, int seed = 1) =>
        new(send, recordsPerSecond, recordsPerSend, seed);

    /// <summary>Stops after the send in progress (which completes, retries included); returns every record sent.</summary>
    [SuppressMessage("Usage", "VSTHRD003:Avoid awaiting foreign Tasks", Justification = "Started by Task.Run, outside any synchronization context.")]
    public async Task<IReadOnlyList<UsageRecorded>> StopAsync()
    {
        await _stop.CancelAsync();
        await _sending;
        return Sent;
    }

    private async Task SendAsync(Func<IReadOnlyList<UsageRecorded>, CancellationToken, Task> send, int recordsPerSecond, int recordsPerSend, int seed)
    {
        var generator = new UsageTrafficGenerator(seed);
        var run = Guid.NewGuid().ToString("N")[..8];
        var clock = Stopwatch.StartNew();
        long made = 0;
        while (!_stop.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            var batch = generator.Between(now.AddHours(-1), now, recordsPerSend)
                .Select(r => r with { RequestId = $"traffic-{run}-{made++}" })
                .ToList();
            while (true)
            {
                try
                {
                    // Not cancelled by the stop: a send begun is finished, so "sent" means sent.
                    await send(batch, CancellationToken.None);
                    break;
                }
                catch (Exception)
                {
                    Interlocked.Increment(ref _failedSends);
                    await Task.Delay(TimeSpan.FromMilliseconds(500));
                }
            }

            foreach (var record in batch)
            {
                _sent.Enqueue(record);
            }

            // Paced by the clock, so slow sends during an outage are made up for afterwards.
            var due = TimeSpan.FromSeconds((double)made / recordsPerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }
}
