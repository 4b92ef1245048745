using JasperFx.Events;
using Marten;
using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Applies one read model's dead letters again after a fix, oldest first, one transaction each: Marten applied the page
/// without the event for every read model of the composite, so the event now goes to each of them (a letter migrated
/// from the old per-projection log, to the one it names). One that applies leaves the dead letters; one that still fails
/// stays with the new reason and time. Applied later than its place in the store: right for sums; a read model whose
/// state depends on order sees it late. An infrastructure fault stops the replay (the rest stay dead-lettered).
/// </summary>
public sealed class DeadLetterReplayer(IDocumentStore store, NpgsqlDataSource dataSource, ProjectionCatalog catalog)
{
    public async Task<DeadLetterReplayed> ReplayAsync(string readModel, CancellationToken cancellationToken)
    {
        int applied = 0, stillFailing = 0;
        foreach (var (id, sequence, migrated) in await LettersOfAsync(readModel, cancellationToken))
        {
            await using var session = store.QuerySession();
            var @event = await session.Events.QueryAllRawEvents().Where(e => e.Sequence == sequence).SingleOrDefaultAsync(cancellationToken);
            var targets = migrated ? catalog.Projections.Where(p => p.Name == readModel) : catalog.Projections;
            var reason = @event is null ? $"{readModel}: the event is no longer in the log" : await TryApplyAsync(id, @event, targets, cancellationToken);
            if (reason is not null)
            {
                await KeepAsync(id, reason, cancellationToken);
                stillFailing++;
            }
            else
            {
                applied++;
            }
        }

        return new DeadLetterReplayed(readModel, applied, stillFailing);
    }

    // Null when the event applied (and its letter is gone); else why it did not.
    private async Task<string?> TryApplyAsync(Guid letterId, IEvent @event, IEnumerable<ReadModelProjection> targets, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var target in targets)
            {
                if (target.Admitted([@event]) is { Count: > 0 } page)
                {
                    await target.ApplyAsync(page, connection, transaction, cancellationToken);
                }
            }
        }
        catch (ReadModelRefusedEventException refused)
        {
            return refused.Message;
        }
        catch (PostgresException content) when (content.SqlState[..2] is "22" or "23" or "54")
        {
            return content.Message;
        }

        await using (var delete = new NpgsqlCommand($"DELETE FROM {EventStoreTables.DeadLetters} WHERE id = $1", connection, transaction))
        {
            delete.Parameters.Add(new NpgsqlParameter { Value = letterId });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private async Task KeepAsync(Guid letterId, string reason, CancellationToken cancellationToken)
    {
        await using var update = dataSource.CreateCommand($"""
            UPDATE {EventStoreTables.DeadLetters}
            SET data = data || jsonb_build_object('exceptionMessage', $2::text, 'timestamp', now()), mt_last_modified = now() WHERE id = $1
            """);
        update.Parameters.Add(new NpgsqlParameter { Value = letterId });
        update.Parameters.Add(new NpgsqlParameter { Value = reason });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<(Guid Id, long Sequence, bool Migrated)>> LettersOfAsync(string readModel, CancellationToken cancellationToken)
    {
        // A letter belongs to the read model its message names first; one naming none, to the first read model.
        var first = catalog.Projections[0].Name == readModel;
        await using var command = dataSource.CreateCommand($"""
            SELECT id, (data ->> 'eventSequence')::bigint, data ->> 'exceptionType' = 'migrated' FROM {EventStoreTables.DeadLetters}
            WHERE starts_with(data ->> 'exceptionMessage', $1 || ': ')
               OR ($2 AND NOT EXISTS (SELECT 1 FROM unnest($3::text[]) n WHERE starts_with(data ->> 'exceptionMessage', n || ': ')))
            ORDER BY 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = readModel });
        command.Parameters.Add(new NpgsqlParameter { Value = first });
        command.Parameters.Add(new NpgsqlParameter { Value = catalog.Projections.Select(p => p.Name).ToArray() });
        var letters = new List<(Guid, long, bool)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add((reader.GetGuid(0), reader.GetInt64(1), reader.GetBoolean(2)));
        }

        return letters;
    }
}
