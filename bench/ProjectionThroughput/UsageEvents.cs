using Marten;
using Npgsql;
using TokenOptimizer.Contracts;
using TokenOptimizer.DemoTraffic;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Bench.ProjectionThroughput;

/// <summary>Realistic priced usage events (the demo generator's records, with a simple price), in time order.</summary>
internal sealed class UsageEvents(int seed)
{
    // One COPY per 10,000 events: loading is not what is measured.
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

    /// <summary>Writes <paramref name="events"/> as new usage streams in one transaction, as Ingestion's group commit does.</summary>
    public static async Task WriteAsync(IDocumentStore store, NpgsqlDataSource dataSource, IReadOnlyList<UsageIngested> events)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await UsageStreamsCopy.WriteAsync(store, [.. events.Select(e => (UsageStreams.For(e.Usage), e))], connection, transaction, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// Writes <paramref name="count"/> events spread evenly over [from, to) through Ingestion's COPY path (loading is
    /// not what is measured).
    /// </summary>
    public async Task LoadAsync(IDocumentStore store, NpgsqlDataSource dataSource, int count, DateTimeOffset from, DateTimeOffset to)
    {
        var step = (to - from).Ticks / count;
        for (var first = 0; first < count; first += LoadBatch)
        {
            var size = Math.Min(LoadBatch, count - first);
            await WriteAsync(store, dataSource, [.. Enumerable.Range(first, size).Select(i => Next(from.AddTicks(step * i)))]);
        }
    }
}
