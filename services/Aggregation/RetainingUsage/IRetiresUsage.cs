using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RetainingUsage;

/// <summary>
/// A projection whose read model outlives the usage events it is made of (the rollups): before retention deletes events,
/// it adds them to its <see cref="RetiredTables">retired tables</see>, from which its reset starts.
/// </summary>
public interface IRetiresUsage
{
    /// <summary>Adds <paramref name="events"/> (whole usage streams, in sequence order) to the retired tables, in the deleting transaction.</summary>
    Task RetireAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
