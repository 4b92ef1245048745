using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Contracts;
using TokenOptimizer.DemoTraffic;
using TokenOptimizer.EventStore;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Bench.ProjectionThroughput;

/// <summary>Realistic priced usage events (the demo generator's records, with a simple price), in time order.</summary>
internal sealed class UsageEvents(EventTypeRegistry types, int seed)
{
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

    /// <summary>Writes <paramref name="count"/> events spread evenly over [from, to) straight into the log with COPY (loading is not what is measured).</summary>
    public async Task CopyAsync(NpgsqlDataSource dataSource, int count, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync("COPY events (stream_id, version, type, data) FROM STDIN (FORMAT BINARY)");
        var step = (to - from).Ticks / count;
        for (var i = 0; i < count; i++)
        {
            var ingested = Next(from.AddTicks(step * i));
            await writer.StartRowAsync();
            await writer.WriteAsync(UsageStreams.For(ingested.Usage), NpgsqlDbType.Text);
            await writer.WriteAsync(1, NpgsqlDbType.Integer);
            await writer.WriteAsync("usage_ingested", NpgsqlDbType.Text);
            await writer.WriteAsync(JsonSerializer.Serialize(ingested, types.SerializerOptions), NpgsqlDbType.Jsonb);
        }

        await writer.CompleteAsync();
    }
}
