using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>A redirect could lead a webhook past the target checks, so it is not followed: the delivery fails with its status.</summary>
public sealed class NotFollowingWebhookRedirects(AggregationHost host) : IClassFixture<AggregationHost>
{
    [Fact]
    public async Task ReceiverAnsweringARedirect_FailsTheDelivery_WithoutFollowingIt()
    {
        // Given an (allowed) receiver that redirects to another of its paths
        var followed = 0;
        var (app, address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/redirect", () => Results.Redirect("/target", permanent: false, preserveMethod: true));
            app.MapPost("/target", () =>
            {
                Interlocked.Increment(ref followed);
                return Results.Ok();
            });
        });
        await using (app)
        {
            var alertId = "test-redirect-" + Guid.NewGuid().ToString("N");
            await host.ScalarAsync<int>(
                $"INSERT INTO {WebhookDeliveries.Table} (alert_id, url, body, status) VALUES ($1, $2, '{{}}', 'pending') RETURNING 1",
                alertId, new Uri(address, "/redirect").ToString());

            // When the deliverer takes it
            await host.WaitUntilAsync(async () => await host.ScalarAsync<string>(
                $"SELECT status FROM {WebhookDeliveries.Table} WHERE alert_id = $1", alertId) != WebhookDeliveries.Pending, "delivery attempted");

            // Then it failed on the 307, and the redirect's target was never called
            Assert.Equal(WebhookDeliveries.Failed, await host.ScalarAsync<string>($"SELECT status FROM {WebhookDeliveries.Table} WHERE alert_id = $1", alertId));
            Assert.Equal(307, await host.ScalarAsync<int>($"SELECT last_status_code FROM {WebhookDeliveries.Table} WHERE alert_id = $1", alertId));
            Assert.Equal(0, followed);
        }
    }
}
