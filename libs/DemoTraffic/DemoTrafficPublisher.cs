using MassTransit;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.DemoTraffic;

/// <summary>Publishes generated usage over the bus exactly as a real producer would.</summary>
public sealed class DemoTrafficPublisher(IBus bus, UsageTrafficGenerator generator)
{
    /// <summary>
    /// Fills the past <paramref name="days"/> with history, in batch messages, so a fresh dashboard has
    /// trends to show. Returns how many records were published.
    /// </summary>
    public async Task<int> BackfillAsync(DateTimeOffset now, int days, int recordsPerDay, CancellationToken cancellationToken)
    {
        var records = generator.Between(now.AddDays(-days), now, days * recordsPerDay).ToList();
        foreach (var batch in records.Chunk(UsageLimits.MaxBatchSize))
        {
            await bus.Publish(new UsageBatchRecorded { Records = batch }, cancellationToken);
        }

        return records.Count;
    }

    /// <summary>Publishes one record per message at about <paramref name="peakPerSecond"/> (scaled by the daily cycle) until cancelled.</summary>
    public async Task RunLiveAsync(double peakPerSecond, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), clock);
        var owed = 0.0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = clock.GetUtcNow();
            owed += peakPerSecond / 10 * UsageTrafficGenerator.DailyCycle(now);
            for (; owed >= 1; owed--)
            {
                await bus.Publish(generator.Next(now), cancellationToken);
            }
        }
    }
}
