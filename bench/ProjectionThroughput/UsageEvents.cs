using JasperFx.Events;
using Marten;
using TokenOptimizer.Contracts;
using TokenOptimizer.DemoTraffic;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Bench.ProjectionThroughput;

/// <summary>Realistic priced usage events (the demo generator's records, with a simple price), in time order.</summary>
internal sealed class UsageEvents(int seed)
{
    // Marten's COPY path measured 69–72k events/s on 1M events in batches of 10,000 (PLATFORM-NOTES).
    private const int LoadBatch = 10_000;

    private readonly UsageTrafficGenerator _generator = new(seed);
    private readonly Random _random = new(seed);

    public UsageIngested Next(DateTimeOffset at)
    {
        var usage = _generator.Next(at);
        var priced = _random.NextDouble() > 0.05;
        var input = (usage.InputTokens - usage.CachedInputTokens - usage.CacheWriteTokens) * 0.000_002_5m;
        var cached = usage.CachedInputTokens * 0.000_001_25m;
        var output = (usage.OutputTokens - usage.ReasoningTokens) * 0.000_01m;
        var reasoning = usage.ReasoningTokens * 0.000_01m;
        return new UsageIngested
        {
            Usage = usage with { Feature = usage.Feature ?? "default", ErrorType = usage.Outcome == Outcomes.Failed ? usage.ErrorType ?? ErrorTypes.Other : null },
            Cost = priced
                ? new UsageCost { Priced = true, CatalogKey = usage.Model, PriceVersion = "bench", InputUsd = input, CachedInputUsd = cached, OutputUsd = output, ReasoningUsd = reasoning, TotalUsd = input + cached + output + reasoning }
                : new UsageCost { Priced = false, UnpricedReason = "unknown model" },
            IngestedAt = at,
            Source = "bench",
        };
    }

    /// <summary>A new usage stream of one event, keyed as Ingestion keys it.</summary>
    public static StreamAction Start(IDocumentStore store, UsageIngested ingested) =>
        StreamAction.Start((IEventRegistry)store.Options.Events, UsageStreams.For(ingested.Usage), ingested);

    /// <summary>
    /// Writes <paramref name="count"/> events spread evenly over [from, to) through Marten's own COPY path, the one
    /// Ingestion's group commits take (loading is not what is measured).
    /// </summary>
    public async Task LoadAsync(IDocumentStore store, int count, DateTimeOffset from, DateTimeOffset to)
    {
        var step = (to - from).Ticks / count;
        for (var first = 0; first < count; first += LoadBatch)
        {
            var size = Math.Min(LoadBatch, count - first);
            var actions = Enumerable.Range(first, size).Select(i => Start(store, Next(from.AddTicks(step * i)))).ToArray();
            await store.BulkInsertEventsAsync(actions, size);
        }
    }
}
