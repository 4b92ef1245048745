using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using TokenOptimizer.Access;

namespace TokenOptimizer.Recommendations.WatchingBudgets;

/// <summary>
/// Reads the budgets and their forecasts from Aggregation, their owner (found by service discovery, with the bootstrap
/// admin key). An unreachable Aggregation is an error the schedule logs and retries.
/// </summary>
public sealed class BudgetForecasts(IHttpClientFactory clients, IOptions<AccessOptions> access)
{
    public const string Aggregation = "aggregation";

    public async Task<IReadOnlyList<BudgetForecast>> ReadAsync(CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(Aggregation);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/budgets");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access.Value.BootstrapAdminKey);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<BudgetForecast>>(cancellationToken) ?? [];
    }
}
