namespace TokenOptimizer.Aggregation.EvaluatingAlertRules;

/// <summary>When a rule fires: its window's figure above or below a threshold, or unusual against its own baseline.</summary>
public static class AlertConditions
{
    public const string Above = "above";
    public const string Below = "below";
    public const string Unusual = "unusual";

    public static IReadOnlyList<string> All { get; } = [Above, Below, Unusual];
}
