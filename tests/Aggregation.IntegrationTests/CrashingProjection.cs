using Npgsql;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// Wraps a read model and dies like a killed process on chosen pages: after the read model was written, before the
/// daemon's transaction commits. Also logs every event it applied to <c>applied_events</c>, so a test can see whether
/// any event was applied twice.
/// </summary>
internal sealed class CrashingProjection(ReadModelProjection inner, Func<int, bool> crashOnBatch) : ReadModelProjection
{
    private int _batches;

    public const string Ddl = "CREATE TABLE IF NOT EXISTS applied_events (seq bigint NOT NULL, applied_by text NOT NULL);";

    public override string Name => inner.Name;

    public override IReadOnlyCollection<string> EventTypes => inner.EventTypes;

    public string Label { get; init; } = "";

    /// <summary>How many pages it died in.</summary>
    public int Crashes { get; private set; }

    public override void Admit(StoredEvent stored) => inner.Admit(stored);

    public override async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await inner.ApplyAsync(events, connection, transaction, cancellationToken);
        await using (var log = new NpgsqlCommand("INSERT INTO applied_events SELECT unnest($1::bigint[]), $2", connection, transaction))
        {
            log.Parameters.Add(new NpgsqlParameter { Value = events.Select(e => e.Sequence).ToArray() });
            log.Parameters.Add(new NpgsqlParameter { Value = Label });
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        if (crashOnBatch(Interlocked.Increment(ref _batches)))
        {
            Crashes++;
            throw new OperationCanceledException("Killed in the middle of a batch.");
        }
    }

    public override async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await inner.ResetAsync(connection, transaction, cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM applied_events", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
