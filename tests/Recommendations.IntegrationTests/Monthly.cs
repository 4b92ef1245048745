using System.Text.Json;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>A window's amount as the month a recommendation states: scaled by 30 over the days it observed.</summary>
internal static class Monthly
{
    public static decimal Of(decimal windowAmount, JsonElement suggestion) =>
        Math.Round(windowAmount * 30m / suggestion.GetProperty("evidence").GetProperty("observed_days").GetDecimal(), 6);
}
