using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// One event as a budget's grain needs it, with its sequence: spend in the budget's scope, new terms, removal, or the
/// erasure of the user it covers.
/// </summary>
public sealed record BudgetEntry(long Sequence, DateTimeOffset At)
{
    /// <summary>Spend to add to the period holding <see cref="BudgetEntry.At"/> (may be negative: a re-price).</summary>
    public decimal SpentUsd { get; init; }

    /// <summary>The budget's terms from here on (defined or changed).</summary>
    public BudgetTerms? Terms { get; init; }

    public bool Removed { get; init; }

    /// <summary>The user the budget covers was erased: the budget ends and its terms forget the id.</summary>
    public bool ScopeErased { get; init; }

    /// <summary>
    /// The spend of the period holding <see cref="BudgetEntry.At"/> before this entry, from the spend read model: set on the first
    /// entry for a period in a page and on terms (whose scope may be new). The grain takes it only for a period it does not
    /// hold: a budget defined late sees its whole period, and spend in a period it never saw starts from what was spent.
    /// </summary>
    public BudgetPeriodSpend? Opening { get; init; }
}
