using System.Globalization;
using Microsoft.Extensions.Options;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class RollingUpUsage
{
    private static readonly string[] Dimensions = ["provider", "model", "feature", "team", "environment", "outcome"];

    private static string DimensionOf(UsageRecorded usage, string dimension) => dimension switch
    {
        "provider" => usage.Provider,
        "model" => usage.Model,
        "feature" => usage.Feature ?? "default",
        "team" => usage.Team ?? "",
        "environment" => usage.Environment ?? "",
        _ => usage.Outcome,
    };

    private static string Totals(IEnumerable<(UsageRecorded Usage, UsageCost Cost)> records)
    {
        var list = records.ToList();
        return string.Join("|",
            list.Count,
            list.Sum(r => r.Usage.InputTokens), list.Sum(r => r.Usage.OutputTokens), list.Sum(r => r.Usage.CachedInputTokens),
            list.Sum(r => r.Usage.CacheWriteTokens), list.Sum(r => r.Usage.ReasoningTokens),
            list.Count(r => r.Usage.Outcome == Outcomes.Failed), list.Count(r => r.Usage.ErrorType == ErrorTypes.Timeout),
            list.Count(r => r.Usage.Streaming), list.Count(r => !r.Cost.Priced),
            list.Sum(r => r.Cost.Priced ? r.Cost.TotalUsd : 0m).ToString("0.000000", CultureInfo.InvariantCulture),
            list.Sum(r => r.Cost.Priced ? r.Cost.OutputUsd : 0m).ToString("0.000000", CultureInfo.InvariantCulture),
            list.Sum(r => r.Usage.BilledAmountUsd ?? 0).ToString("0.000000", CultureInfo.InvariantCulture),
            list.Sum(r => r.Usage.ReportedCostUsd ?? 0).ToString("0.000000", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task RollupTotals_EqualTheSumOfIngestedRecords_ForEveryDimensionAndGranularity()
    {
        // Given ingested records, some unpriced, and re-prices of some of them (unpriced → priced, and cheaper)
        await using var database = await TestDatabase.CreateAsync();
        var ingested = TestUsage.Generate(4_000);
        await TestUsage.AppendAsync(database.Log, ingested);
        var finalCost = ingested.ToDictionary(i => i.Usage.RequestId, i => i.Cost);
        foreach (var original in ingested.Where(i => !i.Cost.Priced).Take(20).Concat(ingested.Where(i => i.Cost.Priced).Take(20)))
        {
            var current = TestUsage.CostOf(original.Usage, original.Cost.Priced ? 0.5m : 1m);
            await database.Log.AppendAsync(UsageStreams.For(original.Usage), ExpectedVersion.Any, [new UsageRepriced
            {
                RequestId = original.Usage.RequestId, OccurredAt = original.Usage.OccurredAt, Previous = original.Cost, Current = current,
                Reason = "test", RepricedAt = TestUsage.Start,
            }]);
            finalCost[original.Usage.RequestId] = current;
        }

        // When the rollups catch up
        var daemon = database.Daemon(database.Rollups());
        await daemon.CatchUpAsync();
        Assert.Empty(await daemon.ReadErrorsAsync());

        // Then every granularity, grouped by every dimension, adds up to the records
        foreach (var granularity in RollupGranularity.All)
        {
            foreach (var dimension in Dimensions)
            {
                var expected = ingested.GroupBy(i => DimensionOf(i.Usage, dimension))
                    .ToDictionary(g => g.Key, g => Totals(g.Select(i => (i.Usage, finalCost[i.Usage.RequestId]))));
                var actual = await ReadTotalsAsync(database, granularity.Table, dimension);
                Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
            }

            // And the totals table holds, per bucket, the sum over every dimension, with nothing left in a dimension
            var overall = await ReadTotalsAsync(database, granularity.TotalsTable, "provider || model || feature || team || environment || outcome");
            Assert.Equal([new KeyValuePair<string, string>("", Totals(ingested.Select(i => (i.Usage, finalCost[i.Usage.RequestId]))))], overall);
            var perBucket = await ReadTotalsAsync(database, granularity.TotalsTable, "bucket_start::text");
            Assert.Equal(ingested.Select(i => granularity.BucketOf(i.Usage.OccurredAt)).Distinct().Count(), perBucket.Count);
            Assert.Equal(await ReadTotalsAsync(database, granularity.Table, "bucket_start::text"), perBucket);

            // And the per-dimension table holds, per bucket and value of each dimension, the full rows' sums and merged sketches
            foreach (var dimension in Dimensions)
            {
                var oneDimension = $"(SELECT * FROM {granularity.DimensionTable} WHERE dimension = '{dimension}') d";
                Assert.Equal(await ReadTotalsAsync(database, granularity.Table, $"bucket_start::text || '/' || {dimension}"),
                    await ReadTotalsAsync(database, oneDimension, "bucket_start::text || '/' || value"));
                Assert.Equal(await MergedSketchesAsync(database, granularity.Table, dimension), await MergedSketchesAsync(database, oneDimension, "value"));
            }
        }
    }

    [Theory]
    [InlineData("totals")]
    [InlineData("per-dimension")]
    public async Task RollupsMadeBeforeANewRollupTable_AreRebuiltFromZero_SoTheNewTableIsFilled(string newTables)
    {
        // Given rollups caught up in a database from before the totals (and per-dimension) or the per-dimension tables existed
        await using var database = await TestDatabase.CreateAsync();
        await TestUsage.AppendAsync(database.Log, TestUsage.Generate(1_000, seed: 3));
        var daemon = database.Daemon(database.Rollups());
        await daemon.CatchUpAsync();
        string[] tables = [.. RollupGranularity.All.SelectMany(g => new[] { g.Table, g.TotalsTable, g.DimensionTable })];
        var expected = await ReadModelSnapshot.OfAsync(database.DataSource, tables);
        var dropped = RollupGranularity.All.SelectMany(g => newTables == "totals" ? new[] { g.TotalsTable, g.DimensionTable } : [g.DimensionTable]);
        await using (var drop = database.DataSource.CreateCommand(string.Concat(dropped.Select(t => $"DROP TABLE {t};"))))
        {
            await drop.ExecuteNonQueryAsync();
        }

        // When the service starts on it
        await new AggregationSchema(database.DataSource).StartAsync(CancellationToken.None);

        // Then the rollups start again from the first event, and catching up fills every rollup table as before
        Assert.Equal(0, await daemon.ReadCheckpointAsync());
        Assert.Equal(0L, await database.ScalarAsync<long>($"SELECT count(*) FROM {RollupGranularity.Minute.Table}"));
        await daemon.CatchUpAsync();
        Assert.Equal(expected, await ReadModelSnapshot.OfAsync(database.DataSource, tables));
    }

    [Fact]
    public async Task MergedSketches_GivePercentilesWithinOnePercentOfExact()
    {
        // Given long-tailed latencies spread over many rows (minutes × dimensions)
        await using var database = await TestDatabase.CreateAsync();
        var ingested = TestUsage.Generate(6_000, seed: 5);
        await TestUsage.AppendAsync(database.Log, ingested);
        await database.Daemon(database.Rollups()).CatchUpAsync();

        // When percentiles are merged across the whole range, per provider and model, at each granularity
        var rollups = new UsageRollupReader(database.DataSource, TimeProvider.System, Options.Create(new RollupRetentionOptions()));
        foreach (var granularity in RollupGranularity.All)
        {
            var results = await rollups.LatencyByModelAsync(granularity, TestUsage.Start.AddDays(-1), TestUsage.Start.AddDays(3), null, null, CancellationToken.None);

            // Then each is within 1% of the exact percentile of the raw values
            Assert.NotEmpty(results);
            foreach (var result in results)
            {
                var usages = ingested.Select(i => i.Usage).Where(u => u.Provider == result.Provider && u.Model == result.Model).ToList();
                AssertWithinOnePercent(usages.Select(u => u.LatencyMs), result.Latency);
                AssertWithinOnePercent(usages.Where(u => u.TimeToFirstTokenMs.HasValue).Select(u => u.TimeToFirstTokenMs!.Value), result.TimeToFirstToken);
            }

            // And the totals' sketches, merged, are within 1% of the exact percentiles of every call
            await using var command = database.DataSource.CreateCommand($"SELECT array_agg(latency_sketch) FROM {granularity.TotalsTable}");
            var merged = LatencySketch.MergeAll((byte[][])(await command.ExecuteScalarAsync())!);
            AssertWithinOnePercent(ingested.Select(i => i.Usage.LatencyMs), LatencyPercentiles.Of(merged));
        }
    }

    private static void AssertWithinOnePercent(IEnumerable<double> values, LatencyPercentiles percentiles)
    {
        var sorted = values.Order().ToArray();
        Assert.Equal(sorted.Length, percentiles.Count);
        if (sorted.Length == 0)
        {
            return;
        }

        foreach (var (q, actual) in new[] { (0.5, percentiles.P50), (0.95, percentiles.P95), (0.99, percentiles.P99), (0.999, percentiles.P999) })
        {
            var exact = sorted[(int)Math.Floor(q * (sorted.Length - 1))];
            Assert.InRange(actual!.Value, exact * 0.99, exact * 1.01);
        }
    }

    // Per value of `key`, its rows' latency sketches merged, as bytes.
    private static async Task<Dictionary<string, string>> MergedSketchesAsync(TestDatabase database, string table, string key)
    {
        await using var command = database.DataSource.CreateCommand(
            $"SELECT {key}, array_agg(latency_sketch) FILTER (WHERE latency_sketch IS NOT NULL) FROM {table} GROUP BY {key}");
        var sketches = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            sketches[reader.GetString(0)] = Convert.ToBase64String(LatencySketch.MergeAll(await reader.GetFieldValueAsync<byte[][]>(1)).ToBytes());
        }

        return sketches;
    }

    private static async Task<Dictionary<string, string>> ReadTotalsAsync(TestDatabase database, string table, string dimension)
    {
        await using var command = database.DataSource.CreateCommand($"""
            SELECT {dimension}, sum(request_count), sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(cache_write_tokens),
                   sum(reasoning_tokens), sum(failure_count), sum(errors_timeout), sum(streaming_count), sum(unpriced_count),
                   sum(cost_total_usd), sum(cost_output_usd), sum(billed_amount_usd), sum(reported_cost_usd)
            FROM {table} GROUP BY {dimension}
            """);
        var totals = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var longs = Enumerable.Range(1, 10).Select(i => reader.GetDecimal(i).ToString(CultureInfo.InvariantCulture));
            var money = Enumerable.Range(11, 4).Select(i => reader.GetDecimal(i).ToString("0.000000", CultureInfo.InvariantCulture));
            totals[reader.GetString(0)] = string.Join("|", longs.Concat(money));
        }

        return totals;
    }
}
