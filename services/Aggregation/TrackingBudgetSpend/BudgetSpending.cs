using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.TrackingBudgetSpend;

/// <summary>
/// A budget's state evolved by a batch of entries, and the thresholds its period spend reaches: a pure function,
/// free of I/O and clocks. A threshold fires once per budget, period and threshold; new or raised terms are checked
/// at once, since the period may already be over them.
/// </summary>
public static class BudgetSpending
{
    /// <summary>Applies the entries above the state's last sequence, in order; the state is returned unchanged when there are none.</summary>
    public static (BudgetState State, IReadOnlyList<BudgetThresholdReached> Crossings) Apply(BudgetState state, IEnumerable<BudgetEntry> entries)
    {
        var crossings = new List<BudgetThresholdReached>();
        var next = state;
        foreach (var entry in entries.Where(e => e.Sequence > state.LastSequence).OrderBy(e => e.Sequence))
        {
            next = entry switch
            {
                { Terms: { } terms } => Check(next with { Terms = terms, Removed = false, Periods = [entry.Opening ?? Empty(terms, entry.At)] }, entry.At, crossings),
                { Removed: true } => next with { Removed = true },
                { ScopeErased: true } => next with { Removed = true, Terms = next.Terms is null ? null : next.Terms with { ScopeValue = "" } },
                _ when next.Terms is null || next.Removed => next,
                _ => Check(Spend(next, entry), entry.At, crossings),
            };
            next = next with { LastSequence = entry.Sequence };
        }

        return (next, crossings);
    }

    private static BudgetState Spend(BudgetState state, BudgetEntry entry)
    {
        var period = BudgetPeriod.Containing(state.Terms!, entry.At);
        var spend = state.Periods.FirstOrDefault(p => p.Start == period.Start) ?? entry.Opening ?? Empty(state.Terms!, entry.At);
        var hour = new DateTimeOffset(RollupGranularity.Hour.BucketOf(entry.At));
        var hours = spend.Hours.Where(h => h.Hour != hour)
            .Append(new HourSpend(hour, (spend.Hours.FirstOrDefault(h => h.Hour == hour)?.SpentUsd ?? 0) + entry.SpentUsd))
            .OrderBy(h => h.Hour).ToList();
        var recent = hours[^1].Hour - BudgetPeriodSpend.RecentHours;
        spend = spend with { SpentUsd = spend.SpentUsd + entry.SpentUsd, Hours = hours.Where(h => h.Hour >= recent).ToList() };
        return state with
        {
            Periods = [.. state.Periods.Where(p => p.Start != period.Start).Append(spend).OrderBy(p => p.Start).TakeLast(BudgetState.PeriodsKept)],
        };
    }

    private static BudgetState Check(BudgetState state, DateTimeOffset at, List<BudgetThresholdReached> crossings)
    {
        var terms = state.Terms!;
        var period = BudgetPeriod.Containing(terms, at);
        var spent = state.Periods.FirstOrDefault(p => p.Start == period.Start)?.SpentUsd ?? 0;
        var reached = terms.ThresholdsPercent
            .Where(t => spent >= terms.AmountUsd * t / 100 && !state.Alerts.Any(a => a.PeriodStart == period.Start && a.ThresholdPercent == t))
            .ToList();
        if (reached.Count == 0)
        {
            return state;
        }

        crossings.AddRange(reached.Select(threshold => new BudgetThresholdReached
        {
            BudgetId = state.BudgetId, BudgetName = terms.Name, ScopeKind = terms.ScopeKind, ScopeValue = terms.ScopeValue,
            ThresholdPercent = threshold, AmountUsd = terms.AmountUsd, SpentUsd = spent,
            PeriodStart = period.Start, PeriodEnd = period.End, CrossedAt = at, WebhookUrl = terms.WebhookUrl,
        }));
        return state with
        {
            Alerts = [.. state.Alerts.Concat(reached.Select(t => new BudgetAlert(t, at, spent) { PeriodStart = period.Start })).TakeLast(BudgetState.AlertsKept)],
        };
    }

    private static BudgetPeriodSpend Empty(BudgetTerms terms, DateTimeOffset at)
    {
        var period = BudgetPeriod.Containing(terms, at);
        return new BudgetPeriodSpend(period.Start, period.End, 0, []);
    }
}
