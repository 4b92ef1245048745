using JasperFx.Events;
using Marten;
using Npgsql;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.CommittingUsage;

/// <summary>
/// Writes one group of new usage streams, each at most once. The fast path is Marten's COPY
/// (<c>BulkInsertEventsAsync</c>, about 2× the per-session append here: 32k against 13k events/s with one writer):
/// the streams that exist already are looked up first and left out (COPY has no duplicate handling: a taken id fails
/// the whole COPY), and the daemon is notified after, which COPY does not do. A group whose COPY collides anyway
/// (another writer or instance stored one of its ids since the look-up) goes through sessions instead, where Marten
/// names each colliding id (<see cref="NewStreams"/>). So does a group holding unpriced records: their count must
/// commit in the same transaction, and COPY runs in one of its own.
/// </summary>
public sealed class UsageAppender(IDocumentStore store, NpgsqlDataSource dataSource)
{
    /// <summary>Stores the records whose streams do not exist yet (the first of each id); returns the ids stored.</summary>
    public async Task<IReadOnlySet<string>> AppendAsync(IReadOnlyList<NewUsage> records, CancellationToken cancellationToken)
    {
        var byStream = new Dictionary<string, NewUsage>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            byStream.TryAdd(record.StreamId, record);
        }

        await LeaveOutStoredAsync(byStream, cancellationToken);
        if (byStream.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        if (!byStream.Values.Any(r => r.Unpriced))
        {
            try
            {
                // In the order the records came: sequence order is arrival order, which provider health reads as time order.
                var actions = byStream.Values.Select(r => StreamAction.Start((IEventRegistry)store.Options.Events, r.StreamId, r.Ingested));
                await store.BulkInsertEventsAsync([.. actions], byStream.Count, cancellationToken);
                await NotifyAppendedAsync(cancellationToken);
                return new HashSet<string>(byStream.Keys, StringComparer.Ordinal);
            }
            catch (PostgresException collision) when (collision.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
            {
                // Lost a race for some of the ids (or deadlocked with a writer inserting them in another order): the COPY
                // stored nothing. Those stored by now are left out, and the sessions below find any the race still takes.
                await LeaveOutStoredAsync(byStream, cancellationToken);
            }
        }

        var fresh = byStream.Values.ToList();
        return await NewStreams.StartOnceAsync(store, [.. fresh.Select(r => (r.StreamId, (object)r.Ingested))], cancellationToken, (session, started) =>
        {
            var unpriced = fresh.Where(r => r.Unpriced && started.Contains(r.StreamId))
                .Select(r => (r.Ingested.Usage.Provider, r.Ingested.Usage.Model, r.Ingested.Usage.OccurredAt)).ToList();
            if (unpriced.Count > 0)
            {
                ((ITransactionParticipantRegistrar)session).AddTransactionParticipant(new UnpricedCount(unpriced));
            }
        });
    }

    private async Task LeaveOutStoredAsync(Dictionary<string, NewUsage> byStream, CancellationToken cancellationToken)
    {
        foreach (var existing in await NewStreams.ExistingAsync(store, byStream.Keys, cancellationToken))
        {
            byStream.Remove(existing);
        }
    }

    // Marten's sessions notify the daemon on commit (UseListenNotifyForEventAppends); its COPY path does not.
    private async Task NotifyAppendedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT pg_notify('{UsageEventStore.AppendedChannel}', '')");
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
