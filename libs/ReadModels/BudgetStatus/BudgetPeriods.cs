namespace TokenOptimizer.ReadModels;

/// <summary>The periods a budget can reset on.</summary>
public static class BudgetPeriods
{
    public const string Day = "day";
    public const string Week = "week";
    public const string Month = "month";

    public static IReadOnlyList<string> All { get; } = [Day, Week, Month];
}
