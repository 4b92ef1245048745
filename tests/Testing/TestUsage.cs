using TokenOptimizer.Contracts;
using TokenOptimizer.DemoTraffic;
using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Testing;

/// <summary>Realistic stored usage events: the demo generator's records with a simple made-up price.</summary>
public static class TestUsage
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public static List<UsageIngested> Generate(int count, int seed = 11, DateTimeOffset? from = null, TimeSpan? span = null)
    {
        var generator = new UsageTrafficGenerator(seed);
        var begin = from ?? Start;
        var random = new Random(seed);
        return generator.Between(begin, begin + (span ?? TimeSpan.FromDays(2)), count)
            .Select(r => Ingested(r with
            {
                RequestId = $"{seed}-{r.RequestId}",
                ReportedCostUsd = random.NextDouble() < 0.3 ? 0.001m * random.Next(1, 50) : null,
                BilledAmountUsd = random.NextDouble() < 0.2 ? 0.01m * random.Next(1, 9) : null,
                ErrorType = r.Outcome == Outcomes.Failed ? r.ErrorType ?? ErrorTypes.Other : null,
                Feature = r.Feature ?? "default",
            }, priced: random.NextDouble() > 0.05))
            .ToList();
    }

    /// <summary>The start of the minute holding <paramref name="at"/>, in UTC: the finest rollup bucket.</summary>
    public static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public static UsageIngested Ingested(UsageRecorded usage, bool priced = true) => new()
    {
        Usage = usage,
        Cost = priced ? CostOf(usage, 1m) : new UsageCost { Priced = false, UnpricedReason = "unknown model" },
        IngestedAt = usage.OccurredAt.AddSeconds(1),
        Source = "test",
    };

    public static UsageCost CostOf(UsageRecorded usage, decimal factor)
    {
        var input = (usage.InputTokens - usage.CachedInputTokens - usage.CacheWriteTokens) * 0.000_002_5m * factor;
        var cached = usage.CachedInputTokens * 0.000_001_25m * factor;
        var write = usage.CacheWriteTokens * 0.000_003m * factor;
        var output = (usage.OutputTokens - usage.ReasoningTokens) * 0.000_01m * factor;
        var reasoning = usage.ReasoningTokens * 0.000_01m * factor;
        return new UsageCost
        {
            Priced = true, CatalogKey = usage.Model, PriceVersion = "test",
            InputUsd = input, CachedInputUsd = cached, CacheWriteUsd = write, OutputUsd = output, ReasoningUsd = reasoning,
            TotalUsd = input + cached + write + output + reasoning,
        };
    }

    public static async Task AppendAsync(IDocumentStore store, IEnumerable<UsageIngested> events)
    {
        foreach (var chunk in events.Chunk(2_000))
        {
            await NewStreams.StartOnceAsync(store, [.. chunk.Select(e => (UsageStreams.For(e.Usage), (object)e))], CancellationToken.None);
        }
    }
}
