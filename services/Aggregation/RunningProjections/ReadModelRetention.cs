using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.LoggingRequests;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Deletes what the read models keep only for a while, by wall clock: rollup rows (and retired rollup rows) older than
/// their granularity's retention, provider availability minutes older than theirs, and request-log rows older than
/// <c>UsageLog:RetentionDays</c> (the one read model that grows with every call; the rollups keep the history).
/// Retention is applied apart from the projections, so a rebuild first restores old rows and the next pass
/// deletes them again.
/// </summary>
public sealed partial class ReadModelRetention(
    NpgsqlDataSource dataSource, IOptions<RollupRetentionOptions> options, IOptions<ProviderHealthOptions> health, IOptions<UsageLogOptions> usageLog,
    TimeProvider clock, ILogger<ReadModelRetention> logger) : BackgroundService
{
    public async Task<long> PruneAsync(CancellationToken cancellationToken)
    {
        long deleted = 0;
        foreach (var granularity in RollupGranularity.All)
        {
            if (options.Value.RetentionOf(granularity) is not { } retention)
            {
                continue;
            }

            foreach (var table in new[] { granularity.Table, granularity.TotalsTable, granularity.DimensionTable }.SelectMany(t => new[] { t, RetiredTables.Of(t) }))
            {
                await using var command = dataSource.CreateCommand($"DELETE FROM {table} WHERE bucket_start < $1");
                command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime - retention });
                deleted += await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await using var availability = dataSource.CreateCommand($"DELETE FROM {ProviderHealthTables.AvailabilityMinute} WHERE minute < $1");
        availability.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime - health.Value.MinuteRetention });
        deleted += await availability.ExecuteNonQueryAsync(cancellationToken);

        await using var requests = dataSource.CreateCommand($"DELETE FROM {RequestLogTable.Name} WHERE occurred_at < $1");
        requests.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(usageLog.Value.RetentionDays) });
        deleted += await requests.ExecuteNonQueryAsync(cancellationToken);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, clock);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (NpgsqlException exception)
            {
                LogPruneFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning old read-model rows failed; trying again at the next interval")]
    private partial void LogPruneFailed(Exception exception);
}
