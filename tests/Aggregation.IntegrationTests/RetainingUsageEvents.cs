using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// Usage events past the retention are deleted once every projection applied them; the rollups keep what they added,
/// in their retired part, so a rebuild after the deletion gives the same rollups.
/// </summary>
public sealed class RetainingUsageEvents
{
    private static readonly string[] Rollups =
    [
        "usage_rollup_minute", "usage_rollup_hour", "usage_rollup_day", "usage_total_minute", "usage_total_hour", "usage_total_day",
        "usage_by_dimension_minute", "usage_by_dimension_hour", "usage_by_dimension_day", UserRollupTable.Name,
    ];

    [Fact]
    public async Task OldEvents_AreDeleted_AndTheRollups_BeforeAndAfterARebuild_StillHoldThem()
    {
        // Given a log holding calls made and recorded 60 days ago, some re-priced, and calls of the last days, all projected
        await using var database = await TestDatabase.CreateAsync();
        var (catalog, daemons) = Projections(database);
        var old = await AppendOldAsync(database, TestUsage.Generate(600, seed: 81, from: DateTimeOffset.UtcNow.AddDays(-60), span: TimeSpan.FromDays(5)));
        var recent = TestUsage.Generate(400, seed: 82, from: DateTimeOffset.UtcNow.AddDays(-3), span: TimeSpan.FromDays(2));
        await TestUsage.AppendAsync(database.Log, recent);
        await RepriceAsync(database.Log, recent.Take(5));
        await CatchUpAsync(daemons);
        var before = await ReadModelSnapshot.OfAsync(database.DataSource, Rollups);
        var events = await database.ScalarAsync<long>($"SELECT count(*) FROM {EventsTable.Name}");

        // When retention (35 days) runs, in batches of 100 streams
        var retired = await Retention(database, catalog).RetireAsync(CancellationToken.None);

        // Then exactly the old streams are gone, their re-prices with them, and the rollups are as they were
        Assert.Equal(old.Count, retired);
        Assert.Equal(events - old.Count - 10, await database.ScalarAsync<long>($"SELECT count(*) FROM {EventsTable.Name}"));
        Assert.Equal(0L, await database.ScalarAsync<long>(
            $"SELECT count(*) FROM {EventsTable.Name} WHERE (data -> 'usage' ->> 'occurredAt')::timestamptz < now() - interval '35 days'"));
        Assert.Equal(before, await ReadModelSnapshot.OfAsync(database.DataSource, Rollups));

        // And rebuilding the rollups from what the log still holds gives the same rollups
        foreach (var daemon in daemons.Where(d => d.Projection is IRetiresUsage))
        {
            await daemon.RebuildAsync();
        }

        Assert.Equal(before, await ReadModelSnapshot.OfAsync(database.DataSource, Rollups));
        Assert.Equal(0, await Retention(database, catalog).RetireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task OldEventsNotYetAppliedOrSkipped_AreKept()
    {
        // Given old calls: one projected, one appended after the projections caught up, one a projection skipped
        await using var database = await TestDatabase.CreateAsync();
        var (catalog, daemons) = Projections(database);
        var calls = TestUsage.Generate(3, seed: 83, from: DateTimeOffset.UtcNow.AddDays(-60), span: TimeSpan.FromDays(1));
        await AppendOldAsync(database, [calls[0], calls[2]]);
        await CatchUpAsync(daemons);
        await AppendOldAsync(database, [calls[1]]);
        await database.ScalarAsync<int>($"""
            INSERT INTO {ProjectionErrorsTable.Name} (projection, seq, type, reason)
            SELECT '{UsageLogProjection.ProjectionName}', seq, type, 'test' FROM {EventsTable.Name} WHERE stream_id = '{UsageStreams.For(calls[2].Usage)}';
            SELECT 1
            """);

        // When retention runs
        var retired = await Retention(database, catalog).RetireAsync(CancellationToken.None);

        // Then only the applied, unskipped call is gone
        Assert.Equal(1, retired);
        Assert.Empty(await database.Log.FetchStreamAsync(UsageStreams.For(calls[0].Usage)));
        Assert.NotEmpty(await database.Log.FetchStreamAsync(UsageStreams.For(calls[1].Usage)));
        Assert.NotEmpty(await database.Log.FetchStreamAsync(UsageStreams.For(calls[2].Usage)));
    }

    private static (ProjectionCatalog Catalog, List<ProjectionDaemon> Daemons) Projections(TestDatabase database)
    {
        IProjection[] projections = [database.Rollups(), new UserRollupProjection(new UsageIngestedLookup(database.Log)), new UsageLogProjection()];
        var catalog = new ProjectionCatalog(database.Log, projections, Options.Create(new ProjectionOptions { BatchSize = 250 }));
        return (catalog, projections.Select(catalog.DaemonFor).ToList());
    }

    private static UsageRetention Retention(TestDatabase database, ProjectionCatalog catalog) => new(
        database.Log, catalog, Options.Create(new UsageRetentionOptions { Days = 35, BatchSize = 100 }), TimeProvider.System, NullLogger<UsageRetention>.Instance);

    private static async Task CatchUpAsync(IEnumerable<ProjectionDaemon> daemons)
    {
        foreach (var daemon in daemons)
        {
            await daemon.CatchUpAsync();
            Assert.Empty(await daemon.ReadErrorsAsync());
        }
    }

    // Appends calls, re-prices the first ten of them, and dates their recording as if it happened when they were made.
    private static async Task<List<UsageIngested>> AppendOldAsync(TestDatabase database, List<UsageIngested> calls)
    {
        await TestUsage.AppendAsync(database.Log, calls);
        await RepriceAsync(database.Log, calls.Take(10));
        await using var backdate = database.DataSource.CreateCommand(
            $"UPDATE {EventsTable.Name} SET recorded_at = recorded_at - interval '60 days' WHERE stream_id = ANY($1)");
        backdate.Parameters.Add(new Npgsql.NpgsqlParameter { Value = calls.Select(c => UsageStreams.For(c.Usage)).ToArray() });
        await backdate.ExecuteNonQueryAsync();
        return calls;
    }

    private static async Task RepriceAsync(EventLog log, IEnumerable<UsageIngested> calls)
    {
        foreach (var call in calls)
        {
            await log.AppendAsync(UsageStreams.For(call.Usage), ExpectedVersion.Any, [new UsageRepriced
            {
                RequestId = call.Usage.RequestId, OccurredAt = call.Usage.OccurredAt, Previous = call.Cost,
                Current = TestUsage.CostOf(call.Usage, 0.5m), Reason = "test", RepricedAt = call.IngestedAt,
            }]);
        }
    }
}
