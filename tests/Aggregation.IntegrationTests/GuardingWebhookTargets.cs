using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// Webhooks may not reach this machine, a private network or a cloud metadata service unless an administrator allows the
/// host: refused when the budget is defined, and again when a delivery connects, on the addresses the name resolves to.
/// </summary>
public sealed class GuardingWebhookTargets(GuardingWebhookTargets.NothingAllowed host) : IClassFixture<GuardingWebhookTargets.NothingAllowed>
{
    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://127.0.0.1:8080/hook", "loopback" },
        { "http://localhost/hook", "loopback" },
        { "http://[::1]/hook", "loopback" },
        { "http://[::ffff:127.0.0.1]/hook", "loopback" },
        { "http://169.254.169.254/latest/meta-data/", "metadata" },
        { "http://[::ffff:169.254.169.254]/latest/meta-data/", "metadata" },
        { "http://[fd00:ec2::254]/latest/meta-data/", "metadata" },
        { "http://10.20.30.40/hook", "private" },
        { "http://172.16.0.1/hook", "private" },
        { "https://192.168.1.10/hook", "private" },
        { "http://100.64.0.1/hook", "carrier-grade NAT" },
        { "http://[fd12:3456::1]/hook", "unique local" },
        { "http://[fe80::1]/hook", "link-local" },
        { "http://0.0.0.0/hook", "unspecified" },
        { "http://224.0.0.1/hook", "multicast" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task BudgetWithAWebhookToAnInternalAddress_Gets400NamingWebhookUrl(string url, string kind)
    {
        var response = await host.Http.PostAsJsonAsync("/v1/budgets", Terms(url));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = Assert.Single(problem.GetProperty("errors").GetProperty("webhookUrl").EnumerateArray()).GetString();
        Assert.Contains(kind, message, StringComparison.Ordinal);
        Assert.Contains("Webhooks:AllowedHosts", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingABudgetsWebhookToLoopback_Gets400()
    {
        var created = await host.Http.PostAsJsonAsync("/v1/budgets", Terms("https://hooks.example.com/services/T0/B0/secret"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var budget = (await created.Content.ReadFromJsonAsync<Budget>())!;

        var changed = await host.Http.PutAsJsonAsync($"/v1/budgets/{budget.BudgetId}", Terms("http://127.0.0.1/hook"));

        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
    }

    [Fact]
    public async Task DeliveryWhoseNameResolvesToLoopback_IsRefused_AndNothingIsSent()
    {
        // Given a queued delivery to a name that passed when it was defined and now resolves to this machine
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = $"http://localhost:{receiver.BaseUrl.Port}/200";
        var alertId = "test-rebinding-" + Guid.NewGuid().ToString("N");
        await host.ScalarAsync<int>(
            $"INSERT INTO {WebhookDeliveries.Table} (alert_id, url, body, status) VALUES ($1, $2, '{{}}', 'pending') RETURNING 1", alertId, url);

        // When the deliverer takes it
        await host.WaitUntilAsync(async () => await host.ScalarAsync<string>(
            $"SELECT status FROM {WebhookDeliveries.Table} WHERE alert_id = $1", alertId) != WebhookDeliveries.Pending, "delivery attempted");

        // Then it failed at once, saying why, and the receiver heard nothing
        Assert.Equal(WebhookDeliveries.Failed, await host.ScalarAsync<string>($"SELECT status FROM {WebhookDeliveries.Table} WHERE alert_id = $1", alertId));
        Assert.Equal(1, await host.ScalarAsync<int>($"SELECT attempts FROM {WebhookDeliveries.Table} WHERE alert_id = $1", alertId));
        Assert.Contains("loopback", await host.ScalarAsync<string>($"SELECT last_error FROM {WebhookDeliveries.Table} WHERE alert_id = $1", alertId), StringComparison.Ordinal);
        Assert.Empty(receiver.Calls);
    }

    private static BudgetTerms Terms(string webhookUrl) => new()
    {
        Name = "Guarded", ScopeKind = BudgetScopes.Organization, AmountUsd = 10m, Period = BudgetPeriods.Month, WebhookUrl = webhookUrl,
    };

    /// <summary>Aggregation with no host allowed beyond the rules.</summary>
    public sealed class NothingAllowed : AggregationHost
    {
        protected override IReadOnlyList<string> AllowedWebhookHosts { get; } = [];
    }
}
