using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// The one reader of the budgets: each budget's grain's persisted state (<see cref="BudgetState"/> in
/// <see cref="GrainStateTable"/>), as its period in progress by wall clock with its spend, projection and the thresholds
/// crossed, and its history of alerts. The figures that move with the clock (the period, the days left, the
/// projection) are computed when read (<see cref="BudgetStatus.Of"/>).
/// </summary>
public sealed class BudgetStatusReader(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>Every budget defined and not removed, by id. One command, in one turn.</summary>
    public async Task<IReadOnlyList<BudgetStatus>> AllAsync(DatabaseTurns turns, CancellationToken cancellationToken)
    {
        using var turn = await turns.TakeAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return (await GrainStateTable.ReadAsync<BudgetState>(dataSource, BudgetState.StateName, null, cancellationToken))
            .Where(IsDefined)
            .OrderBy(b => b.BudgetId, StringComparer.Ordinal)
            .Select(b => BudgetStatus.Of(b, now))
            .ToList();
    }

    /// <summary>The budget, or null when there is none by that id (or it was removed).</summary>
    public async Task<BudgetStatus?> OneAsync(string budgetId, CancellationToken cancellationToken) =>
        await StateAsync(budgetId, cancellationToken) is { } state && IsDefined(state) ? BudgetStatus.Of(state, clock.GetUtcNow()) : null;

    /// <summary>
    /// The budget's crossings in any period (the latest <see cref="BudgetState.AlertsKept"/>), by time crossed; none when
    /// no event named the budget. A removed budget's stay readable.
    /// </summary>
    public async Task<IReadOnlyList<BudgetAlert>> AlertsAsync(string budgetId, CancellationToken cancellationToken) =>
        (await StateAsync(budgetId, cancellationToken))?.Alerts.OrderBy(a => a.CrossedAt).ThenBy(a => a.ThresholdPercent).ToList() ?? [];

    /// <summary>
    /// The budget's live state as its grain persisted it, removed or not: its terms, its latest periods' spend, its
    /// crossings, the last event applied. Null when no event named the budget.
    /// </summary>
    public async Task<BudgetState?> StateAsync(string budgetId, CancellationToken cancellationToken) =>
        (await GrainStateTable.ReadAsync<BudgetState>(dataSource, BudgetState.StateName, budgetId, cancellationToken)).SingleOrDefault();

    // The grain exists from the first event naming the budget; it is a budget once its definition arrived.
    private static bool IsDefined(BudgetState state) => state.Terms is not null && !state.Removed;
}
