using Npgsql;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Testing;

/// <summary>Waits until projections have applied every event in the log so far: a test that fed events then reads their read models.</summary>
public static class ProjectionsCaughtUp
{
    public static async Task WaitAsync(NpgsqlDataSource dataSource, IReadOnlyList<string> projections, TimeSpan timeout)
    {
        await using var last = dataSource.CreateCommand($"SELECT coalesce(max(seq_id), 0) FROM {EventStoreTables.Events}");
        var through = (long)(await last.ExecuteScalarAsync())!;
        await Eventually.UntilAsync(async () =>
        {
            // Every read model is one part of Marten's composite projection: they advance together.
            await using var command = dataSource.CreateCommand($"SELECT count(*) FROM {EventStoreTables.Progression} WHERE name = $1 AND last_seq_id >= $2");
            command.Parameters.Add(new NpgsqlParameter { Value = ReadModelProgress.CompositeShard });
            command.Parameters.Add(new NpgsqlParameter { Value = through });
            return (long)(await command.ExecuteScalarAsync())! == 1;
        }, timeout, $"{string.Join(", ", projections)} should apply the fed events");
    }
}
