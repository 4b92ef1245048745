using System.Text.Json;
using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// <see cref="IProjectionHealth"/> over Marten's daemon: the composite's position and the store's high-water mark from
/// the progression table, and its dead letters (Marten's DeadLetterEvent documents). A dead letter belongs to the read
/// model whose check refused the event (its message starts with that read model's name); the page was applied without
/// the event for every read model, so a replay applies it to each (<see cref="DeadLetterReplayer"/>).
/// </summary>
public sealed class DaemonProjectionHealth(ProjectionCatalog catalog, NpgsqlDataSource dataSource, DeadLetterReplayer replayer, ProjectionsRunningHere runningHere) : IProjectionHealth
{
    public async Task<IReadOnlyList<ProjectionState>> ReadAsync(int lettersEach, CancellationToken cancellationToken)
    {
        // One statement for the position, the head and the letters: /health and the metrics ask often.
        await using var command = dataSource.CreateCommand($"""
            SELECT (SELECT coalesce(max(last_seq_id), 0) FROM {EventStoreTables.Progression} WHERE name = $1),
                   (SELECT coalesce(max(seq_id), 0) FROM {EventStoreTables.Events})
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = ReadModelComposite.Shard });
        long checkpoint, head;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            (checkpoint, head) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var letters = await AllLettersAsync(cancellationToken);
        var runsHere = runningHere.Composite;
        return [.. catalog.Projections.Select(p =>
        {
            var own = letters.Where(l => l.Projection == p.Name).ToList();
            return new ProjectionState(p.Name, checkpoint, Math.Max(0, head - checkpoint), own.Count, [.. own.Take(lettersEach)]) { RunsHere = runsHere };
        })];
    }

    public async Task<IReadOnlyList<DeadLetter>?> DeadLettersAsync(string projection, CancellationToken cancellationToken) =>
        catalog.Find(projection) is null ? null : [.. (await AllLettersAsync(cancellationToken)).Where(l => l.Projection == projection)];

    public async Task<DeadLetterReplayed?> ReplayAsync(string projection, CancellationToken cancellationToken) =>
        catalog.Find(projection) is null ? null : await replayer.ReplayAsync(projection, cancellationToken);

    /// <summary>Every dead letter, oldest event first, with the read model it belongs to.</summary>
    public async Task<List<DeadLetter>> AllLettersAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT d.data::text, coalesce(e.type, d.data ->> 'eventType', '') FROM {EventStoreTables.DeadLetters} d
            LEFT JOIN {EventStoreTables.Events} e ON e.seq_id = (d.data ->> 'eventSequence')::bigint
            ORDER BY (d.data ->> 'eventSequence')::bigint
            """);
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var letter = JsonSerializer.Deserialize<StoredLetter>(reader.GetString(0), JsonSerializerOptions.Web)!;
            var (readModel, reason) = Split(letter.ExceptionMessage ?? "");
            letters.Add(new DeadLetter(readModel, letter.EventSequence, reader.GetString(1), reason, letter.Timestamp));
        }

        return letters;
    }

    // "usage_rollups: Value was either too large…" → (usage_rollups, the reason); a letter naming no read model is the first's.
    private (string ReadModel, string Reason) Split(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && catalog.Find(message[..colon]) is { } named
            ? (named.Name, message[(colon + 2)..])
            : (catalog.Projections[0].Name, message);
    }

    /// <summary>The fields of Marten's DeadLetterEvent document this service shows.</summary>
    private sealed record StoredLetter(long EventSequence, string? ExceptionMessage, DateTimeOffset Timestamp);
}
