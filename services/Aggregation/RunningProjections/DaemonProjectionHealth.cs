using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.EventStore.Schema;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary><see cref="IProjectionHealth"/> over our projection daemons and their tables (checkpoints, projection_errors).</summary>
public sealed class DaemonProjectionHealth(ProjectionCatalog catalog, ProjectionsRunningHere runningHere, NpgsqlDataSource dataSource) : IProjectionHealth
{
    public async Task<IReadOnlyList<ProjectionState>> ReadAsync(int lettersEach, CancellationToken cancellationToken)
    {
        // One statement for every projection's position, the log's head and the letter counts: /health and the metrics ask often.
        await using var command = dataSource.CreateCommand($"""
            SELECT n.name, coalesce(c.position, 0), (SELECT coalesce(max(seq), 0) FROM {EventsTable.Name}),
                   (SELECT count(*) FROM {ProjectionErrorsTable.Name} e WHERE e.projection = n.name)::int
            FROM unnest($1::text[]) AS n(name) LEFT JOIN {ProjectionCheckpointsTable.Name} c ON c.name = n.name
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = catalog.Projections.Select(p => p.Name).ToArray() });
        var states = new List<ProjectionState>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var checkpoint = reader.GetInt64(1);
                var name = reader.GetString(0);
                states.Add(new ProjectionState(name, checkpoint, Math.Max(0, reader.GetInt64(2) - checkpoint), reader.GetInt32(3), [])
                {
                    RunsHere = runningHere.Contains(name),
                });
            }
        }

        if (lettersEach == 0)
        {
            return states;
        }

        var withLetters = new List<ProjectionState>(states.Count);
        foreach (var state in states)
        {
            var letters = state.DeadLetters == 0 ? [] : (await DeadLettersAsync(state.Name, cancellationToken))!.Take(lettersEach).ToList();
            withLetters.Add(state with { Letters = letters });
        }

        return withLetters;
    }

    public async Task<IReadOnlyList<DeadLetter>?> DeadLettersAsync(string projection, CancellationToken cancellationToken) =>
        catalog.DaemonFor(projection) is { } daemon
            ? (await daemon.ReadErrorsAsync(cancellationToken)).Select(e => new DeadLetter(e.Projection, e.Sequence, e.Type, e.Reason, e.RecordedAt)).ToList()
            : null;

    public async Task<DeadLetterReplayed?> ReplayAsync(string projection, CancellationToken cancellationToken)
    {
        if (catalog.DaemonFor(projection) is not { } daemon)
        {
            return null;
        }

        var replay = await daemon.ReplayDeadLettersAsync(cancellationToken);
        return new DeadLetterReplayed(replay.Projection, replay.Applied, replay.StillFailing);
    }
}
