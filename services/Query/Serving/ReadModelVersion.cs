using Npgsql;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// How far the read models have got: every projection's checkpoint, as one string. It changes exactly when a
/// projection commits new events, so a result cached under it is never stale, and costs one indexed read.
/// </summary>
public sealed class ReadModelVersion(NpgsqlDataSource dataSource)
{
    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT coalesce(string_agg(name || ':' || position, ',' ORDER BY name), '') FROM {ProjectionCheckpointsTable.Name}");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
