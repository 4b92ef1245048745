using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>The one reader of <see cref="UserRollupTable"/>: usage per user and API key, over whole UTC days.</summary>
public sealed class UserRollupReader(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Cost and volume per value of <paramref name="by"/> (any dimension; for user and key, empty means calls that named
    /// none) over every UTC day the slice touches, with the slice's filters, callers included: the same measures as
    /// <see cref="UsageRollupReader.CostByAsync"/>.
    /// </summary>
    public async Task<Dictionary<string, CostSums>> CostByAsync(UsageSlice slice, Dimension by, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var fromDay = DateOnly.FromDateTime(slice.From.UtcDateTime);
        var toDay = DateOnly.FromDateTime(RollupRanges.Ceiling(slice.To, TimeSpan.FromDays(1)).UtcDateTime);
        // The column comes from Dimension, never from a caller: spliced as an identifier.
        var rows = $"SELECT {by.Column}, {CostSumsSql.Measures} FROM {UserRollupTable.Name} "
            + $"WHERE day >= {filter.Add(fromDay)} AND day < {filter.Add(toDay)} AND {filter.Where(slice, null)}";
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, CostSumsSql.GroupedBy(by.Column, rows));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await CostSumsSql.ReadAsync(reader, cancellationToken);
    }
}
