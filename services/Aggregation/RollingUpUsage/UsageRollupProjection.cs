using Npgsql;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RollingUpUsage;

/// <summary>
/// Keeps the minute, hour and day usage rollups: a batch is grouped in memory by bucket and dimensions,
/// then each granularity gets one upsert, one more for its totals (the same cells with every dimension
/// empty) and one for its per-dimension rows (the cells summed per dimension and value). A re-price moves the cost
/// of the call's original rows. Before retention deletes old events they are added to the rollups' retired parts,
/// where a rebuild starts.
/// </summary>
public sealed class UsageRollupProjection(UsageIngestedLookup lookup) : IProjection, IRetiresUsage
{
    public const string ProjectionName = "usage_rollups";

    private static readonly RollupDimensions AllDimensions = new("", "", "", "", "", "");

    public string Name => ProjectionName;

    public IReadOnlyCollection<string>? EventTypes { get; } = ["usage_ingested", "usage_repriced"];

    public Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        AddAsync(events, table => table, connection, transaction, cancellationToken);

    public Task RetireAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        AddAsync(events, RetiredTables.Of, connection, transaction, cancellationToken);

    // Adds the events to the rollups, or (tableOf) to their retired parts.
    private async Task AddAsync(
        IReadOnlyList<StoredEvent> events, Func<string, string> tableOf, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var cells = RollupGranularity.All.ToDictionary(g => g, _ => new Dictionary<RollupKey, RollupCell>());
        var totals = RollupGranularity.All.ToDictionary(g => g, _ => new Dictionary<RollupKey, RollupCell>());
        var originals = await lookup.OriginalsOfRepricedAsync(events, connection, transaction, cancellationToken);

        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case UsageIngested ingested:
                    var dimensions = RollupCell.DimensionsOf(ingested.Usage);
                    foreach (var (granularity, byKey) in cells)
                    {
                        var bucket = granularity.BucketOf(ingested.Usage.OccurredAt);
                        CellFor(byKey, new RollupKey(bucket, dimensions)).Add(ingested);
                        CellFor(totals[granularity], new RollupKey(bucket, AllDimensions)).Add(ingested);
                    }

                    break;
                case UsageRepriced repriced when originals.TryGetValue(stored.StreamId, out var original):
                    var repricedDimensions = RollupCell.DimensionsOf(original.Usage);
                    foreach (var (granularity, byKey) in cells)
                    {
                        var bucket = granularity.BucketOf(original.Usage.OccurredAt);
                        CellFor(byKey, new RollupKey(bucket, repricedDimensions)).AddRepricing(repriced);
                        CellFor(totals[granularity], new RollupKey(bucket, AllDimensions)).AddRepricing(repriced);
                    }

                    break;
                case UsageRepriced repriced:
                    throw new InvalidOperationException($"Re-priced call {stored.StreamId} has no usage_ingested event.");
            }
        }

        foreach (var (granularity, byKey) in cells)
        {
            // Folded before the write: writing a cell merges the stored row's sketch into it.
            var perDimension = PerDimension(byKey);
            await RollupWriter.WriteAsync(tableOf(granularity.Table), RollupTableKeys.ByAllDimensions, byKey, connection, transaction, cancellationToken);
            await RollupWriter.WriteAsync(tableOf(granularity.TotalsTable), RollupTableKeys.ByAllDimensions, totals[granularity], connection, transaction, cancellationToken);
            await RollupWriter.WriteAsync(tableOf(granularity.DimensionTable), RollupTableKeys.ByOneDimension, perDimension, connection, transaction, cancellationToken);
        }
    }

    // The batch's cells summed per bucket, dimension and value: folded from the cells, not the events, so it costs a
    // few hundred additions a batch.
    private static Dictionary<DimensionKey, RollupCell> PerDimension(Dictionary<RollupKey, RollupCell> cells)
    {
        var perDimension = new Dictionary<DimensionKey, RollupCell>();
        foreach (var (key, cell) in cells)
        {
            var values = key.Dimensions.Values;
            for (var i = 0; i < values.Length; i++)
            {
                CellFor(perDimension, new DimensionKey(key.BucketStart, UsageRollupTables.DimensionColumns[i], values[i])).Add(cell);
            }
        }

        return perDimension;
    }

    /// <summary>Back to the rollups of the events retention deleted, which a rebuild cannot replay.</summary>
    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var reset = string.Concat(RetiredTables.Rollups.Select(t => RetiredTables.ResetSql(t, RollupWriter.ColumnsOf(RollupTableKeys.ByAllDimensions)))
            .Concat(RetiredTables.DimensionRollups.Select(t => RetiredTables.ResetSql(t, RollupWriter.ColumnsOf(RollupTableKeys.ByOneDimension)))));
        await using var command = new NpgsqlCommand(reset, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static RollupCell CellFor<TKey>(Dictionary<TKey, RollupCell> cells, TKey key)
        where TKey : notnull
    {
        if (!cells.TryGetValue(key, out var cell))
        {
            cells[key] = cell = new RollupCell();
        }

        return cell;
    }
}
