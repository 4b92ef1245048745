namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>The targets SLOs are judged by now, the stored setting behind them (if any) and the stream's version.</summary>
public sealed record SloTargetsInForce(SloOptions Options, SloTargetsSet? Stored, int Version)
{
    /// <summary>What <c>/v1/slos/targets</c> answers: every provider with its own targets gets them complete.</summary>
    public object View() => new
    {
        period = Options.Period,
        atRiskBelowBudgetRemaining = Options.AtRiskBelowBudgetRemaining,
        global = Options.Global,
        providers = Options.Providers.Keys.Order(StringComparer.Ordinal).ToDictionary(p => p, p => Options.For(p), StringComparer.Ordinal),
        source = Stored is null ? "configuration" : "stored",
        setAt = Stored?.At,
        version = Version,
    };
}
