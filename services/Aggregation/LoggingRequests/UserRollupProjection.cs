using Npgsql;
using TokenOptimizer.Aggregation.ForgettingErasedUsers;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.Aggregation.RollingUpUsage;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.LoggingRequests;

/// <summary>
/// Keeps cost and usage per user, API key and day: a batch is grouped in memory by key, then one upsert adds it. A re-price
/// moves the cost of the call's original row, found from its <see cref="UsageIngested"/> event. An erased user's rows
/// become the no-user rows. Before retention deletes old events they are added to the retired part, where a rebuild starts.
/// </summary>
public sealed class UserRollupProjection(UsageIngestedLookup lookup) : ReadModelProjection, IRetiresUsage
{
    public const string ProjectionName = "user_rollups";

    private static readonly Dictionary<string, CounterUpsert> Upserts = new[] { UserRollupTable.Name, RetiredTables.Of(UserRollupTable.Name) }
        .ToDictionary(t => t, t => new CounterUpsert(
            t, [.. UserRollupTable.KeyColumns.Select(c => new CounterColumn(c.Name, c.Type))], [.. UserRollupTable.MeasureColumns.Select(c => new CounterColumn(c.Name, c.Type))]));

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = ["usage_ingested", "usage_repriced", "user_erased"];

    public override Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        AddAsync(events, UserRollupTable.Name, connection, transaction, cancellationToken);

    public Task RetireAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        AddAsync(events, RetiredTables.Of(UserRollupTable.Name), connection, transaction, cancellationToken);

    /// <summary>Back to the rows of the events retention deleted, which a rebuild cannot replay.</summary>
    public override async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(RetiredTables.ResetSql(UserRollupTable.Name, UserRollupTable.Columns), connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task AddAsync(IReadOnlyList<StoredEvent> events, string table, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var cells = new Dictionary<UserDayKey, UserDayCell>();
        var originals = await lookup.OriginalsOfRepricedAsync(events, connection, transaction, cancellationToken);

        foreach (var stored in events)
        {
            switch (stored.Data)
            {
                case UsageIngested ingested:
                    CellFor(cells, UserDayKey.Of(ingested.Usage)).Add(ingested);
                    break;
                case UsageRepriced repriced when originals.TryGetValue(stored.StreamId, out var original):
                    CellFor(cells, UserDayKey.Of(original.Usage)).AddRepricing(repriced);
                    break;
                case UsageRepriced repriced:
                    throw new InvalidOperationException($"Re-priced call {stored.StreamId} has no usage_ingested event.");
                case UserErased erased:
                    // This batch's calls before the erasure, not written yet, and then what is stored.
                    foreach (var key in cells.Keys.Where(k => erased.Names(k.UserId)).ToList())
                    {
                        CellFor(cells, key with { UserId = "" }).Add(cells[key]);
                        cells.Remove(key);
                    }

                    await ErasedUserReadModels.ForgetInUserRollupsAsync(erased, connection, transaction, cancellationToken);
                    break;
            }
        }

        var keys = cells.Keys.ToArray();
        var rows = keys.Select(k => cells[k]).ToArray();
        List<Array> columns =
        [
            keys.Select(k => k.Day).ToArray(), keys.Select(k => k.UserId).ToArray(), keys.Select(k => k.ApiKeyId).ToArray(),
            keys.Select(k => k.Dimensions.Provider).ToArray(), keys.Select(k => k.Dimensions.Model).ToArray(),
            keys.Select(k => k.Dimensions.Feature).ToArray(), keys.Select(k => k.Dimensions.Team).ToArray(),
            keys.Select(k => k.Dimensions.Environment).ToArray(), keys.Select(k => k.Dimensions.Outcome).ToArray(),
        ];
        for (var c = 0; c < UserRollupTable.CountColumns.Count; c++)
        {
            var count = c;
            columns.Add(rows.Select(r => r.Counts[count]).ToArray());
        }

        columns.Add(rows.Select(r => r.CostTotalUsd).ToArray());
        await Upserts[table].ExecuteAsync(columns, connection, transaction, cancellationToken);
    }

    private static UserDayCell CellFor(Dictionary<UserDayKey, UserDayCell> cells, UserDayKey key)
    {
        if (!cells.TryGetValue(key, out var cell))
        {
            cells[key] = cell = new UserDayCell();
        }

        return cell;
    }
}
