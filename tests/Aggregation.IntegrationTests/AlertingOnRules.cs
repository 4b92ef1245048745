using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Aggregation.DefiningAlertRules;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class AlertingOnRules(AggregationHost host) : IClassFixture<AggregationHost>
{
    private static UsageIngested Costing(string team, DateTimeOffset at, decimal usd) => new()
    {
        Usage = new UsageRecorded
        {
            RequestId = Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = "ruled", Model = "ruled-model", Feature = "chat", Team = team,
            InputTokens = 100, OutputTokens = 50, LatencyMs = 300, Outcome = Outcomes.Succeeded,
        },
        IngestedAt = at, Source = "test",
        Cost = new UsageCost { Priced = true, OutputUsd = usd, TotalUsd = usd, PriceVersion = "test" },
    };

    private async Task CaughtUpAsync() =>
        await ProjectionsCaughtUp.WaitAsync(host.DataSource, [AlertRuleProjection.ProjectionName], TimeSpan.FromSeconds(30));

    [Fact]
    public async Task ThresholdCrossedOnce_NotifiesOnce_AndResolvingNotifiesAgain()
    {
        // Given a rule: the team's cost over 60 minutes above $1, posted to a webhook; and a listener for the bus message
        await using var receiver = await WebhookReceiver.StartAsync();
        var collector = await MessageCollector<AlertStateChanged>.ConnectAsync(host.Bus, "test-alert-rules");
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var response = await host.Http.PostAsJsonAsync("/v1/alert-rules", new AlertRuleTerms
        {
            Name = "Team spend", Metric = AlertMetrics.Cost, Scope = new Dictionary<string, string> { ["team"] = team }, WindowMinutes = 60,
            Condition = AlertConditions.Above, Threshold = 1m, Severity = AlertSeverities.Critical, WebhookUrl = new Uri(receiver.BaseUrl, "/200").ToString(),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var rule = (await response.Content.ReadFromJsonAsync<DefinedAlertRule>())!;

        // When the team spends 13 × $0.10 within a minute (the window's figure passes $1 at the 11th call, $1.10, and stays above)
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        for (var i = 0; i < 13; i++)
        {
            await TestUsage.AppendAsync(host.Store, [Costing(team, t0.AddSeconds(i), 0.10m)]);
        }

        // Then it fired once: one outbox row, one bus message, one webhook call
        await CaughtUpAsync();
        await host.WaitUntilAsync(() => Task.FromResult(receiver.Calls.Count >= 1 && collector.Received.Any(c => c.RuleId == rule.RuleId)), "the firing delivered and published");
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status <> 'pending' AND alert_id LIKE $1", rule.RuleId + ":%") == 1, "delivery recorded");
        Assert.Equal(1L, await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE $1", rule.RuleId + ":%"));
        var fired = Assert.Single(collector.Received, c => c.RuleId == rule.RuleId);
        Assert.Equal((AlertStates.Firing, 1m, $"team={team}"), (fired.State, fired.Threshold, fired.Scope));
        // Judged once per daemon page: the page that crosses holds the 11th call and maybe later ones, so $1.10–$1.30.
        Assert.InRange(fired.Value!.Value, 1.10m, 1.30m);
        Assert.Contains("Team spend", Assert.Single(receiver.Calls).Body, StringComparison.Ordinal);

        // And the feed shows it firing; acknowledging it notifies no one
        var firing = await host.Http.GetFromJsonAsync<List<AlertFeedEntry>>("/v1/alerts?state=firing&severity=critical", JsonSerializerOptions.Web);
        Assert.Contains(firing!, a => a.AlertId == fired.AlertId);
        var acknowledged = await host.Http.PostAsync($"/v1/alerts/{fired.AlertId}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(AlertStates.Acknowledged, (await acknowledged.Content.ReadFromJsonAsync<AlertFeedEntry>(JsonSerializerOptions.Web))!.State);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Http.PostAsync($"/v1/alerts/{fired.AlertId}/acknowledge", null)).StatusCode);

        // When, two hours later, one $0.10 call is all the window holds (back under $0.90)
        await TestUsage.AppendAsync(host.Store, [Costing(team, t0.AddHours(2), 0.10m)]);

        // Then it resolved: a second notification, and the feed closes the alert
        await host.WaitUntilAsync(() => Task.FromResult(receiver.Calls.Count >= 2 && collector.Received.Count(c => c.RuleId == rule.RuleId) >= 2), "the resolution delivered and published");
        await CaughtUpAsync();
        Assert.Equal([AlertStates.Firing, AlertStates.Resolved], collector.Received.Where(c => c.RuleId == rule.RuleId).OrderBy(c => c.OccurredAt).Select(c => c.State));
        Assert.Equal(2L, await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE $1", rule.RuleId + ":%"));
        var resolved = await host.Http.GetFromJsonAsync<List<AlertFeedEntry>>("/v1/alerts?state=resolved", JsonSerializerOptions.Web);
        var closed = Assert.Single(resolved!, a => a.AlertId == fired.AlertId);
        Assert.NotNull(closed.AcknowledgedAt);
        Assert.InRange(closed.ResolvedAt!.Value - t0.AddHours(2), TimeSpan.FromMilliseconds(-1), TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds
    }

    [Fact]
    public async Task BadTerms_Get400NamingTheField()
    {
        var response = await host.Http.PostAsJsonAsync("/v1/alert-rules", new AlertRuleTerms
        {
            Name = "Bad", Metric = "bogus", WindowMinutes = 0, Condition = AlertConditions.Above, Severity = AlertSeverities.Info,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("'metric'", body, StringComparison.Ordinal);
        Assert.Contains("'windowMinutes'", body, StringComparison.Ordinal);
        Assert.Contains("'threshold'", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Http.GetAsync("/v1/alerts?state=bogus")).StatusCode);
    }

    [Fact]
    public async Task CircuitOpening_RaisesTheBuiltInAlert_AndClosingResolvesIt()
    {
        // Given a provider answering well, failing in a burst, then recovering after the cool-down
        var provider = "p" + Guid.NewGuid().ToString("N")[..8];
        var t0 = DateTimeOffset.UtcNow.AddHours(-1);
        UsageIngested Call(double seconds, bool failed) => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = Guid.NewGuid().ToString("N"), OccurredAt = t0.AddSeconds(seconds), Provider = provider, Model = "m", InputTokens = 100, LatencyMs = 400,
            Outcome = failed ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = failed ? ErrorTypes.ServerError : null,
        });
        var calls = Enumerable.Range(0, 20).Select(i => Call(i, false))
            .Concat(Enumerable.Range(0, 30).Select(i => Call(20 + (i * 0.5), true)))
            .Concat(Enumerable.Range(0, 8).Select(i => Call(80 + i, false)));

        // When the calls are ingested
        await TestUsage.AppendAsync(host.Store, calls);

        // Then the built-in rule's one alert for the incident is in the feed, resolved, with two notifications in the outbox
        await host.WaitUntilAsync(async () => (await host.Services.GetRequiredService<AlertFeedReader>().ListAsync(AlertStates.Resolved, AlertSeverities.Critical, 500, default))
            .Any(a => a.RuleId == BuiltInAlerts.CircuitRuleId && a.Scope == $"provider={provider}"), "the circuit alert resolved");
        Assert.Equal(2L, await host.ScalarAsync<long>(
            "SELECT count(*) FROM alert_outbox WHERE message_type = 'alert_state_changed' AND body->>'scope' = $1", $"provider={provider}"));
    }
}
