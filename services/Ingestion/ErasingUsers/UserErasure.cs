using Marten;
using Npgsql;
using TokenOptimizer.Ingestion.Quarantining;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ErasingUsers;

/// <summary>
/// Erases a user's id from the event store and what Ingestion keeps (every place it does, here): the usage events that
/// name it, the budget events scoped to it, and the quarantined records, in one transaction with the
/// <see cref="UserErased"/> audit event (Marten's session starts its stream; <see cref="ErasingStatements"/> rewrite
/// the rows in the same transaction, before it commits). The read models that copied the id (Aggregation's request log,
/// per-user rollups and their retired part, budget spend) forget it when their projections apply that event, in log
/// order. Stored events are otherwise never rewritten; erasure is the one exception
/// the law makes. Events appended while an erasure runs may still name the user: erase again after the producer stopped.
/// </summary>
public sealed class UserErasure(IDocumentStore store, NpgsqlDataSource dataSource, TimeProvider clock)
{
    // What the erasure will touch: the events up to the store's head now, the days of their calls, and the quarantined records.
    private const string Survey = $$"""
        SELECT count(*)::int, array_agg(DISTINCT ((data -> 'usage' ->> 'occurredAt')::timestamptz AT TIME ZONE 'UTC')::date), coalesce(max(seq_id), 0)
        FROM {{EventStoreTables.Events}}
        WHERE type = 'usage_ingested' AND data -> 'usage' ->> 'userId' = $1
        """;

    public async Task<UserErased> EraseAsync(string userId, string? erasedBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        int events;
        DateOnly[] days;
        long through;
        await using (var survey = dataSource.CreateCommand(Survey))
        {
            survey.Parameters.Add(new NpgsqlParameter { Value = userId });
            await using var reader = await survey.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            events = reader.GetInt32(0);
            days = await reader.IsDBNullAsync(1, cancellationToken) ? [] : await reader.GetFieldValueAsync<DateOnly[]>(1, cancellationToken);
            through = reader.GetInt64(2);
        }

        var statements = new ErasingStatements(userId, through);
        var quarantined = await statements.CountQuarantinedAsync(dataSource, cancellationToken);
        var erased = UserErased.Of(userId, [.. days.Order()], events, quarantined, erasedBy, clock.GetUtcNow());
        await using var session = store.LightweightSession();
        session.Events.StartStream(UserErased.StreamFor(erased.ErasureId), erased);
        ((ITransactionParticipantRegistrar)session).AddTransactionParticipant(statements);
        await session.SaveChangesAsync(cancellationToken);
        return erased;
    }

    /// <summary>The rewrites, run in the session's transaction just before it commits.</summary>
    private sealed class ErasingStatements(string userId, long through) : ITransactionParticipant
    {
        private const string EraseFromEvents = $$"""
            UPDATE {{EventStoreTables.Events}} SET data = data #- '{usage,userId}'
            WHERE seq_id <= $2 AND type = 'usage_ingested' AND data -> 'usage' ->> 'userId' = $1
            """;

        // A budget scoped to the user (Aggregation's stored budget events) keeps its scope kind and loses the id; the
        // budget projection ends such a budget when it applies the erasure.
        private const string EraseFromBudgets = $$"""
            UPDATE {{EventStoreTables.Events}} SET data = jsonb_set(data, '{terms,scopeValue}', '""')
            WHERE type IN ('budget_defined', 'budget_changed') AND data -> 'terms' ->> 'scopeKind' = 'user' AND data -> 'terms' ->> 'scopeValue' = $1
            """;

        // A rejected record keeps the contract's fields under the names the producer sent (any case).
        private const string Named = $"""
            jsonb_typeof(record) = 'object' AND EXISTS (SELECT 1 FROM jsonb_each_text(record) AS f(k, v) WHERE lower(k) = 'userid' AND v = $1)
            """;

        private const string EraseFromQuarantine = $"""
            UPDATE {QuarantineTable.Name}
            SET record = record - ARRAY(SELECT k FROM jsonb_each_text(record) AS f(k, v) WHERE lower(k) = 'userid' AND v = $1)
            WHERE {Named}
            """;

        public async Task<int> CountQuarantinedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
        {
            await using var count = dataSource.CreateCommand($"SELECT count(*)::int FROM {QuarantineTable.Name} WHERE {Named}");
            count.Parameters.Add(new NpgsqlParameter { Value = userId });
            return (int)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        public async Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token)
        {
            await using (var events = new NpgsqlCommand(EraseFromEvents, connection, transaction))
            {
                events.Parameters.Add(new NpgsqlParameter { Value = userId });
                events.Parameters.Add(new NpgsqlParameter { Value = through });
                await events.ExecuteNonQueryAsync(token);
            }

            await using (var budgets = new NpgsqlCommand(EraseFromBudgets, connection, transaction))
            {
                budgets.Parameters.Add(new NpgsqlParameter { Value = userId });
                await budgets.ExecuteNonQueryAsync(token);
            }

            await using var quarantine = new NpgsqlCommand(EraseFromQuarantine, connection, transaction);
            quarantine.Parameters.Add(new NpgsqlParameter { Value = userId });
            await quarantine.ExecuteNonQueryAsync(token);
        }

        public Task AfterCommitAsync(CancellationToken token) => Task.CompletedTask;
    }
}
