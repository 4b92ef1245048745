namespace TokenOptimizer.Query.GettingSlos;

/// <summary>The objectives of one scope (<c>global</c>, or a provider's name) over the SLO period.</summary>
public sealed record SloReport(string Scope, long Requests, IReadOnlyList<SloObjective> Objectives)
{
    public string? Provider => Scope == "global" ? null : Scope;
}

/// <summary>One objective's standing: target, current value, status, and the error budget left (1 = untouched, ≤ 0 = spent).</summary>
public sealed record SloObjective(string Name, double Target, double? Current, string Status, double ErrorBudgetRemaining);
