using System.Net.Http.Json;
using System.Text.Json;

namespace TokenOptimizer.Testing;

/// <summary>A budget's period in progress as <c>GET /v1/budgets/{id}</c> of one Aggregation instance shows it.</summary>
public sealed record BudgetSpend(string BudgetId, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, decimal SpentUsd, IReadOnlyList<decimal> ThresholdsCrossed)
{
    /// <summary>Defines a budget over the whole organisation for the month (<paramref name="http"/> sends an admin key); returns its id.</summary>
    public static async Task<string> DefineForOrganisationAsync(HttpClient http, Uri aggregation, decimal amountUsd)
    {
        using var response = await http.PostAsJsonAsync(new Uri(aggregation, "/v1/budgets"),
            new { name = "tests: the organisation's month", scopeKind = "organization", amountUsd, period = "month" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("budgetId").GetString()!;
    }

    /// <summary>The budget now, from the instance at <paramref name="instance"/> (<paramref name="http"/> sends a read key).</summary>
    public static async Task<BudgetSpend> ReadAsync(HttpClient http, Uri instance, string budgetId, CancellationToken cancellationToken = default) =>
        await http.GetFromJsonAsync<BudgetSpend>(new Uri(instance, $"/v1/budgets/{budgetId}"), JsonSerializerOptions.Web, cancellationToken)
        ?? throw new InvalidOperationException($"GET /v1/budgets/{budgetId} answered null.");
}
