using Marten;
using Npgsql;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.CommittingUsage;

/// <summary>
/// Writes one group of new usage streams, each at most once. The fast path is one COPY of the group with its unpriced
/// count, in one transaction (<see cref="UsageStreamsCopy"/>, about 2.5× a session append here: 32k against 13k events/s
/// with one writer): the streams that exist already are looked up first and left out, since COPY has no duplicate
/// handling (a taken id fails the whole COPY). A group whose COPY collides anyway (another writer or instance stored one
/// of its ids since the look-up) goes through Marten's sessions instead, which name each colliding id (<see cref="NewStreams"/>).
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

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // In the order the records came: sequence order is arrival order, which provider health reads as time order.
            await UsageStreamsCopy.WriteAsync(store, [.. byStream.Values.Select(r => (r.StreamId, r.Ingested))], connection, transaction, cancellationToken);
            await UnpricedModels.CountAsync(Unpriced(byStream.Values), connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new HashSet<string>(byStream.Keys, StringComparer.Ordinal);
        }
        catch (PostgresException collision) when (collision.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DeadlockDetected)
        {
            // Lost a race for some of the ids (or deadlocked with a writer inserting them in another order): the COPY
            // stored nothing. Those stored by now are left out, and the sessions below find any the race still takes.
            await LeaveOutStoredAsync(byStream, cancellationToken);
        }

        var fresh = byStream.Values.ToList();
        return await NewStreams.StartOnceAsync(store, [.. fresh.Select(r => (r.StreamId, (object)r.Ingested))], cancellationToken, (session, started) =>
        {
            var unpriced = Unpriced(fresh.Where(r => started.Contains(r.StreamId))).ToList();
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

    private static IEnumerable<(string Provider, string Model, DateTimeOffset OccurredAt)> Unpriced(IEnumerable<NewUsage> records) =>
        records.Where(r => r.Unpriced).Select(r => (r.Ingested.Usage.Provider, r.Ingested.Usage.Model, r.Ingested.Usage.OccurredAt));
}
