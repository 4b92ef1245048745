using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class KeepingRollups
{
    [Fact]
    public async Task Pruning_DropsMinuteRowsPastTheirRetention_AndKeepsHoursAndDays()
    {
        // Given rollups of the last ten days
        await using var database = await TestDatabase.CreateAsync();
        await TestUsage.AppendAsync(database.Log, TestUsage.Generate(1_000, seed: 51, from: DateTimeOffset.UtcNow.AddDays(-10), span: TimeSpan.FromDays(10)));
        await database.Daemon(database.Rollups()).CatchUpAsync();
        var hours = await database.ScalarAsync<long>("SELECT count(*) FROM usage_rollup_hour");

        // When old rows are pruned with the default retention
        var retention = new ReadModelRetention(database.DataSource, Options.Create(new RollupRetentionOptions()), Options.Create(new ProviderHealthOptions()),
            Options.Create(new UsageLogOptions()), TimeProvider.System, NullLogger<ReadModelRetention>.Instance);
        await retention.PruneAsync(CancellationToken.None);

        // Then no minute row is older than seven days, and hour and day rows are all kept
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM usage_rollup_minute WHERE bucket_start < now() - interval '7 days'"));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM usage_by_dimension_minute WHERE bucket_start < now() - interval '7 days'"));
        Assert.True(await database.ScalarAsync<long>("SELECT count(*) FROM usage_rollup_minute") > 0);
        Assert.Equal(hours, await database.ScalarAsync<long>("SELECT count(*) FROM usage_rollup_hour"));
        Assert.Equal(1_000m, await database.ScalarAsync<decimal>("SELECT sum(request_count) FROM usage_rollup_day"));
    }
}
