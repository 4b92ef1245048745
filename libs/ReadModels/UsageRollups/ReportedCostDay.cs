namespace TokenOptimizer.ReadModels;

/// <summary>
/// One UTC day of one provider and model's calls that carried the provider's reported cost (the day cut to the slice
/// at its edges): the provider's figure and ours over the same calls, those we could price.
/// </summary>
/// <param name="ReportedRequests">Calls that carried a reported cost.</param>
/// <param name="ComparedRequests">Those we could price: the calls both figures are over.</param>
/// <param name="ReportedCostUsd">The provider's reported cost of the compared calls.</param>
/// <param name="ComputedCostUsd">Our cost of the compared calls, at our prices.</param>
public sealed record ReportedCostDay(
    DateTime Day, string Provider, string Model, long ReportedRequests, long ComparedRequests, decimal ReportedCostUsd, decimal ComputedCostUsd)
{
    /// <summary>The provider's figure minus ours: positive when the bill is higher than our price list says.</summary>
    public decimal DifferenceUsd => ReportedCostUsd - ComputedCostUsd;

    /// <summary><see cref="DifferenceUsd"/> as a percentage of our cost, rounded to two places; null when our cost is zero.</summary>
    public decimal? DifferencePercent => ComputedCostUsd == 0 ? null : Math.Round(DifferenceUsd / ComputedCostUsd * 100, 2);
}
