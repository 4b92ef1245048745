using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class LoggingRequests(AggregationHost host) : IClassFixture<AggregationHost>
{
    private static readonly string[] Tables = [RequestLogTable.Name, UserRollupTable.Name];

    [Fact]
    public async Task EveryIngestedCall_IsOneRowWithItsFields_AndUnpricedHasNoCost()
    {
        // Given calls, some unpriced and some without user, team, environment or feature
        await using var database = await TestDatabase.CreateAsync();
        var calls = Calls(3_000, seed: 61);
        await TestUsage.AppendAsync(database.Log, calls);

        // When the request log catches up
        var daemon = database.Daemon(new UsageLogProjection(), batchSize: 700);
        await daemon.CatchUpAsync();
        Assert.Empty(await daemon.ReadErrorsAsync());

        // Then each call is one row equal to it, keyed by its event's sequence
        var sequences = await ReadAsync(database.DataSource, $"SELECT stream_id, seq::text FROM {EventsTable.Name} WHERE type = 'usage_ingested'");
        var expected = calls.ToDictionary(c => c.Usage.RequestId, c => Row(long.Parse(sequences[UsageStreams.For(c.Usage)], CultureInfo.InvariantCulture), c.Usage, c.Cost));
        Assert.Contains(calls, c => !c.Cost.Priced);
        Assert.Equal(calls.Count, await database.ScalarAsync<long>($"SELECT count(*) FROM {RequestLogTable.Name}"));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), (await ReadRowsAsync(database.DataSource)).OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Repricing_UpdatesTheCallsCost_AndMovesItsUsersDailyCost()
    {
        // Given the running service has logged recent calls, one of them unpriced
        var calls = Calls(300, seed: 62, from: DateTimeOffset.UtcNow.AddHours(-2), span: TimeSpan.FromHours(1));
        // Output tokens make both costs non-zero, so a cheaper price is a different amount.
        calls[0] = TestUsage.Ingested(calls[0].Usage with { OutputTokens = calls[0].Usage.OutputTokens + 100 }, priced: false);
        calls[1] = TestUsage.Ingested(calls[1].Usage with { OutputTokens = calls[1].Usage.OutputTokens + 100, UserId = calls[0].Usage.UserId }, priced: true);
        await TestUsage.AppendAsync(host.Log, calls);
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>($"SELECT count(*) FROM {RequestLogTable.Name}") == calls.Count
            && await host.ScalarAsync<decimal>($"SELECT coalesce(sum(request_count), 0) FROM {UserRollupTable.Name}") == calls.Count, "every call logged and rolled up");

        // When the unpriced call gets a price and a priced one a cheaper price
        var costs = calls.ToDictionary(c => c.Usage.RequestId, c => c.Cost);
        foreach (var (call, factor) in new[] { (calls[0], 1m), (calls[1], 0.5m) })
        {
            var current = TestUsage.CostOf(call.Usage, factor);
            await host.Log.AppendAsync(UsageStreams.For(call.Usage), ExpectedVersion.Any, [Repricing(call, current)]);
            costs[call.Usage.RequestId] = current;
        }

        // Then each row shows its new cost, and the user's day moved by the difference
        foreach (var call in calls.Take(2))
        {
            var cost = costs[call.Usage.RequestId].TotalUsd;
            await host.WaitUntilAsync(async () =>
                await host.ScalarAsync<object>($"SELECT cost_usd FROM {RequestLogTable.Name} WHERE request_id = $1", call.Usage.RequestId) is decimal logged && logged == cost,
                $"request {call.Usage.RequestId} costs {cost}");
        }

        var key = UserDayKey.Of(calls[0].Usage);
        var sameDay = calls.Where(c => UserDayKey.Of(c.Usage) is var k && k.Day == key.Day && k.UserId == key.UserId).ToList();
        var expected = $"{sameDay.Count(c => costs[c.Usage.RequestId].Priced)}|{sameDay.Count(c => !costs[c.Usage.RequestId].Priced)}|{Money(sameDay.Sum(c => costs[c.Usage.RequestId].Priced ? costs[c.Usage.RequestId].TotalUsd : 0))}";
        await host.WaitUntilAsync(async () => await host.ScalarAsync<string>(
            $"SELECT sum(priced_count) || '|' || sum(unpriced_count) || '|' || round(sum(cost_total_usd), 9) FROM {UserRollupTable.Name} WHERE day = $1 AND user_id = $2",
            key.Day, key.UserId) == expected, $"user {key.UserId} on {key.Day} at {expected}");
    }

    [Fact]
    public async Task UserDayTotals_EqualTheSumsOverEachUsersCalls()
    {
        // Given calls and re-prices of some: unpriced → priced, priced → cheaper, and one re-priced twice
        await using var database = await TestDatabase.CreateAsync();
        var calls = Calls(4_000, seed: 63);
        await TestUsage.AppendAsync(database.Log, calls);
        var costs = await RepriceSomeAsync(database.Log, calls);

        // When the user rollup catches up
        var daemon = database.Daemon(new UserRollupProjection(new UsageIngestedLookup(database.Log)), batchSize: 500);
        await daemon.CatchUpAsync();
        Assert.Empty(await daemon.ReadErrorsAsync());

        // Then every user's day adds up to that user's calls on that day
        var expected = calls.GroupBy(c => UserDayKey.Of(c.Usage) is var k ? $"{k.Day:yyyy-MM-dd}/{k.UserId}" : "").ToDictionary(g => g.Key, g => string.Join("|",
            g.Count(), g.Sum(c => c.Usage.InputTokens), g.Sum(c => c.Usage.OutputTokens), g.Sum(c => c.Usage.CachedInputTokens),
            g.Sum(c => c.Usage.CacheWriteTokens), g.Sum(c => c.Usage.ReasoningTokens), g.Count(c => costs[c.Usage.RequestId].Priced),
            g.Count(c => !costs[c.Usage.RequestId].Priced), Money(g.Sum(c => costs[c.Usage.RequestId].Priced ? costs[c.Usage.RequestId].TotalUsd : 0))));
        var actual = await ReadAsync(database.DataSource, $"""
            SELECT to_char(day, 'YYYY-MM-DD') || '/' || user_id, concat_ws('|', sum(request_count), sum(input_tokens), sum(output_tokens), sum(cached_input_tokens),
                   sum(cache_write_tokens), sum(reasoning_tokens), sum(priced_count), sum(unpriced_count), round(sum(cost_total_usd), 9))
            FROM {UserRollupTable.Name} GROUP BY 1
            """);
        Assert.Contains(expected.Keys, k => k.EndsWith('/'));
        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RebuildFromZero_EqualsTheIncrementalRows()
    {
        // Given both read models built in small batches while calls and re-prices kept arriving
        await using var database = await TestDatabase.CreateAsync();
        IProjection[] projections = [new UsageLogProjection(), new UserRollupProjection(new UsageIngestedLookup(database.Log))];
        foreach (var seed in new[] { 71, 72, 73 })
        {
            var calls = Calls(800, seed);
            await TestUsage.AppendAsync(database.Log, calls);
            await RepriceSomeAsync(database.Log, calls);
            foreach (var projection in projections)
            {
                await database.Daemon(projection, batchSize: 137).CatchUpAsync();
            }
        }

        var incremental = await ReadModelSnapshot.OfAsync(database.DataSource, Tables);

        // When both are rebuilt in one batch, so each re-price lands in its call's batch
        foreach (var projection in projections)
        {
            await database.Daemon(projection, batchSize: 10_000).RebuildAsync();
        }

        // Then the rows are identical
        Assert.StartsWith($"{RequestLogTable.Name}=2400:", incremental, StringComparison.Ordinal);
        Assert.Equal(incremental, await ReadModelSnapshot.OfAsync(database.DataSource, Tables));
    }

    [Fact]
    public async Task Pruning_DeletesOnlyCallsOlderThanTheRetention()
    {
        // Given calls over twenty days, logged
        await using var database = await TestDatabase.CreateAsync();
        var calls = Calls(2_000, seed: 64, span: TimeSpan.FromDays(20));
        await TestUsage.AppendAsync(database.Log, calls);
        await database.Daemon(new UsageLogProjection()).CatchUpAsync();

        // When pruned 40 days after the first call, keeping 30 days
        var now = TestUsage.Start.AddDays(40);
        var retention = new ReadModelRetention(database.DataSource, Options.Create(new RollupRetentionOptions()), Options.Create(new ProviderHealthOptions()),
            Options.Create(new UsageLogOptions { RetentionDays = 30 }), new FixedClock(now), NullLogger<ReadModelRetention>.Instance);
        var deleted = await retention.PruneAsync(CancellationToken.None);

        // Then exactly the calls made before the cutoff are gone
        var kept = calls.Where(c => c.Usage.OccurredAt >= now.AddDays(-30)).Select(c => c.Usage.RequestId).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(kept.Count, 1, calls.Count - 1);
        Assert.Equal(calls.Count - kept.Count, deleted);
        Assert.Equal(kept, (await ReadAsync(database.DataSource, $"SELECT request_id, '' FROM {RequestLogTable.Name}")).Keys.Order(StringComparer.Ordinal));
    }

    private static List<UsageIngested> Calls(int count, int seed, DateTimeOffset? from = null, TimeSpan? span = null) =>
        TestUsage.Generate(count, seed, from, span).Select((c, i) => (i % 7) switch
        {
            0 => c with { Usage = c.Usage with { UserId = null, Team = null } },
            1 => c with { Usage = c.Usage with { Environment = null, Feature = null } },
            _ => c,
        }).ToList();

    private static UsageRepriced Repricing(UsageIngested call, UsageCost current, UsageCost? previous = null) => new()
    {
        RequestId = call.Usage.RequestId, OccurredAt = call.Usage.OccurredAt, Previous = previous ?? call.Cost, Current = current,
        Reason = "test", RepricedAt = call.IngestedAt,
    };

    // Re-prices 10 unpriced calls, 10 priced ones (cheaper) and one of those twice; returns every call's final cost.
    private static async Task<Dictionary<string, UsageCost>> RepriceSomeAsync(EventLog log, List<UsageIngested> calls)
    {
        var costs = calls.ToDictionary(c => c.Usage.RequestId, c => c.Cost);
        var chosen = calls.Where(c => !c.Cost.Priced).Take(10).Concat(calls.Where(c => c.Cost.Priced).Take(10)).ToList();
        foreach (var (call, factor) in chosen.Select(c => (c, c.Cost.Priced ? 0.5m : 1m)).Append((chosen[^1], 0.25m)))
        {
            var current = TestUsage.CostOf(call.Usage, factor);
            await log.AppendAsync(UsageStreams.For(call.Usage), ExpectedVersion.Any, [Repricing(call, current, costs[call.Usage.RequestId])]);
            costs[call.Usage.RequestId] = current;
        }

        return costs;
    }

    private static string Money(decimal amount) => amount.ToString("0.000000000", CultureInfo.InvariantCulture);

    private const string Columns = """
        seq, request_id, occurred_at, provider, model, feature, team, environment, user_id, outcome, error_type, error_code, error_message, service_tier,
        input_tokens, output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, latency_ms, ttft_ms, streaming, priced, cost_usd
        """;

    // A call as the row it should become, in Columns order; absent values are null.
    private static string Row(long seq, UsageRecorded u, UsageCost cost) => Text(
        seq, u.RequestId, u.OccurredAt.UtcDateTime, u.Provider, u.Model, u.Feature ?? "default", u.Team ?? "", u.Environment ?? "", u.UserId ?? "",
        u.Outcome, u.ErrorType, u.ErrorCode, u.ErrorMessage, u.ServiceTier, u.InputTokens, u.OutputTokens, u.CachedInputTokens, u.CacheWriteTokens,
        u.ReasoningTokens, u.LatencyMs, u.TimeToFirstTokenMs, u.Streaming, cost.Priced, cost.Priced ? cost.TotalUsd : null);

    private static string Text(params object?[] values) => string.Join("|", values.Select(v => v switch
    {
        null or DBNull => "∅",
        DateTime at => at.ToString("yyyy-MM-ddTHH:mm:ss.ffffff", CultureInfo.InvariantCulture), // the column keeps microseconds
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => Money(m),
        _ => Convert.ToString(v, CultureInfo.InvariantCulture),
    }));

    private static async Task<Dictionary<string, string>> ReadRowsAsync(NpgsqlDataSource dataSource)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM {RequestLogTable.Name}");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(reader.GetString(1), Text(values));
        }

        return rows;
    }

    private static async Task<Dictionary<string, string>> ReadAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), reader.GetString(1));
        }

        return rows;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
