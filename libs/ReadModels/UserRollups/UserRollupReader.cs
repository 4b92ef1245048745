using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>The one reader of <see cref="UserRollupTable"/>: usage per user, over whole UTC days.</summary>
public sealed class UserRollupReader(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Cost and volume per user (empty: calls that named none) over every UTC day the slice touches, with the slice's
    /// dimension filters: the same measures as <see cref="UsageRollupReader.CostByAsync"/>.
    /// </summary>
    public async Task<Dictionary<string, CostSums>> CostByUserAsync(UsageSlice slice, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var fromDay = DateOnly.FromDateTime(slice.From.UtcDateTime);
        var toDay = DateOnly.FromDateTime(RollupRanges.Ceiling(slice.To, TimeSpan.FromDays(1)).UtcDateTime);
        var rows = $"SELECT user_id, {CostSumsSql.Measures} FROM {UserRollupTable.Name} "
            + $"WHERE day >= {filter.Add(fromDay)} AND day < {filter.Add(toDay)} AND {filter.Where(slice, null)}";
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, CostSumsSql.GroupedBy("user_id", rows));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await CostSumsSql.ReadAsync(reader, cancellationToken);
    }
}
