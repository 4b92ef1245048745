using Marten;
using Npgsql;
using TokenOptimizer.Ingestion.PricingModels;

namespace TokenOptimizer.Ingestion.CommittingUsage;

/// <summary>
/// Counts the unpriced records of a session's new streams in the session's own transaction, so the count commits with
/// the events it counts or not at all (Marten may run this more than once when it retries a commit: each run is in a
/// fresh transaction, so the count is still added once).
/// </summary>
internal sealed class UnpricedCount(IReadOnlyList<(string Provider, string Model, DateTimeOffset OccurredAt)> records) : ITransactionParticipant
{
    public Task BeforeCommitAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken token) =>
        UnpricedModels.CountAsync(records, connection, transaction, token);

    public Task AfterCommitAsync(CancellationToken token) => Task.CompletedTask;
}
