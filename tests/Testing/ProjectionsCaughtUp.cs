using Npgsql;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.Testing;

/// <summary>Waits until projections have applied every event in the log so far: a test that fed events then reads their read models.</summary>
public static class ProjectionsCaughtUp
{
    public static async Task WaitAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> projections, TimeSpan timeout)
    {
        await using var last = dataSource.CreateCommand($"SELECT coalesce(max(seq), 0) FROM {EventsTable.Name}");
        var through = (long)(await last.ExecuteScalarAsync())!;
        await Eventually.UntilAsync(async () =>
        {
            await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {ProjectionCheckpointsTable.Name} WHERE name = ANY($1) AND position >= $2");
            command.Parameters.Add(new NpgsqlParameter { Value = projections.ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = through });
            return (long)(await command.ExecuteScalarAsync())! == projections.Count;
        }, timeout, $"{string.Join(", ", projections)} should apply the fed events");
    }
}
