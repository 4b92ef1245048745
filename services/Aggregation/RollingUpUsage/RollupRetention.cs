using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Aggregation.TrackingProviderHealth;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// Deletes rollup rows older than their granularity's retention, and provider availability minutes older than
/// theirs, by wall clock. Retention is applied apart
/// from the projection, so a rebuild first restores old rows and the next pass deletes them again.
/// </summary>
public sealed partial class RollupRetention(
    NpgsqlDataSource dataSource, IOptions<RollupRetentionOptions> options, IOptions<ProviderHealthOptions> health, TimeProvider clock, ILogger<RollupRetention> logger) : BackgroundService
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

            await using var command = dataSource.CreateCommand($"DELETE FROM {granularity.Table} WHERE bucket_start < $1");
            command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime - retention });
            deleted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var availability = dataSource.CreateCommand($"DELETE FROM {ProviderHealthTables.AvailabilityMinute} WHERE minute < $1");
        availability.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime - health.Value.MinuteRetention });
        deleted += await availability.ExecuteNonQueryAsync(cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning old rollup rows failed; trying again at the next interval")]
    private partial void LogPruneFailed(Exception exception);
}
