using System.Globalization;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>A budget's webhook URL often holds a secret (Slack's does): GraphQL shows it to admin keys only.</summary>
public sealed class KeepingWebhookUrlsSecret(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Secret = "https://hooks.example.com/services/T000/B000/very-secret";

    [Fact]
    public async Task ReadKey_SeesTheBudget_ButNeverItsWebhookUrl()
    {
        // Given a budget with a webhook, defined by an admin
        var defined = await host.DataAsync(host.AdminKey, "mutation($b: BudgetInput!) { defineBudget(budget: $b) { budgetId webhookUrl } }",
            new { b = new { name = "Secret hook", scopeKind = "organization", amountUsd = 50m.ToString(CultureInfo.InvariantCulture), period = "month", webhookUrl = Secret } });
        var budgetId = defined.GetProperty("defineBudget").GetProperty("budgetId").GetString()!;
        Assert.Equal(Secret, defined.GetProperty("defineBudget").GetProperty("webhookUrl").GetString());
        var readKey = await host.CreateKeyAsync(Role.Read);

        // When a read key and the admin list budgets
        JsonElement read = default;
        await Eventually.UntilAsync(async () => (read = await BudgetAsync(readKey, budgetId)).ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(30), "the budget should be listed");
        var admin = await BudgetAsync(host.AdminKey, budgetId);

        // Then the read key sees the budget without its URL, and the admin sees the URL
        Assert.Equal(JsonValueKind.Null, read.GetProperty("webhookUrl").ValueKind);
        Assert.Equal(Secret, admin.GetProperty("webhookUrl").GetString());
    }

    private async Task<JsonElement> BudgetAsync(string key, string budgetId) =>
        (await host.DataAsync(key, "{ budgets { budgetId name webhookUrl } }")).GetProperty("budgets").EnumerateArray()
            .FirstOrDefault(b => b.GetProperty("budgetId").GetString() == budgetId);
}
