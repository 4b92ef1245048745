using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>A budget's webhook URL often holds a secret (Slack's does): <c>/v1/budgets</c> shows it to admin keys only.</summary>
public sealed class KeepingWebhookUrlsSecret(AggregationHost host) : IClassFixture<AggregationHost>
{
    private const string Secret = "https://hooks.example.com/services/T000/B000/very-secret";

    [Fact]
    public async Task ReadKey_ListingOrReadingBudgets_NeverSeesTheWebhookUrl()
    {
        // Given a budget with a webhook
        var created = await host.Http.PostAsJsonAsync("/v1/budgets", new BudgetTerms
        {
            Name = "Secret hook", ScopeKind = BudgetScopes.Organization, AmountUsd = 50m, Period = BudgetPeriods.Month, WebhookUrl = Secret,
        });
        var budgetId = (await created.Content.ReadFromJsonAsync<Budget>())!.BudgetId;
        var reader = host.Client(await host.CreateKeyAsync(Role.Read));
        await host.WaitUntilAsync(async () => (await host.Http.GetAsync($"/v1/budgets/{budgetId}")).IsSuccessStatusCode, "the budget is listed");

        // When a read key lists the budgets and reads this one
        var listed = await reader.GetStringAsync("/v1/budgets");
        var one = await reader.GetStringAsync($"/v1/budgets/{budgetId}");

        // Then neither answer holds the URL, while the admin's does
        Assert.Contains(budgetId, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", listed, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", one, StringComparison.Ordinal);
        var asAdmin = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/budgets/{budgetId}");
        Assert.Equal(Secret, asAdmin.GetProperty("terms").GetProperty("webhookUrl").GetString());
    }
}
