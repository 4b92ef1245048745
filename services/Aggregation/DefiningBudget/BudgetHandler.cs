using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>Runs a budget command: fold the stream, decide, append at the version read (concurrent edits conflict).</summary>
public sealed class BudgetHandler(IDocumentStore store)
{
    public async Task<Budget?> LoadAsync(string budgetId, CancellationToken cancellationToken)
    {
        var events = await EventStreams.ReadAsync(store, Budget.StreamFor(budgetId), cancellationToken);
        return events.Select(e => e.Data).OfType<object>().Aggregate((Budget?)null, Budget.Evolve);
    }

    public async Task<Budget> HandleAsync(string budgetId, object command, CancellationToken cancellationToken)
    {
        var stream = await EventStreams.ReadAsync(store, Budget.StreamFor(budgetId), cancellationToken);
        var state = stream.Select(e => e.Data).OfType<object>().Aggregate((Budget?)null, Budget.Evolve);
        var events = BudgetDecider.Decide(state, command);
        await EventStreams.AppendAsync(store, Budget.StreamFor(budgetId), stream.Count, events, cancellationToken);
        return events.Aggregate(state, Budget.Evolve)!;
    }
}
