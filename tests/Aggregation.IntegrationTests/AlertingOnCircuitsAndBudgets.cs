using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class AlertingOnCircuitsAndBudgets(AggregationHost host) : IClassFixture<AggregationHost>
{
    private static UsageRecorded Call(string provider, DateTimeOffset at, bool failed, string team = "platform", string requestId = "") => new()
    {
        RequestId = requestId.Length > 0 ? requestId : Guid.NewGuid().ToString("N"),
        OccurredAt = at, Provider = provider, Model = provider + "-model", Feature = "chat", Team = team, Environment = "production",
        InputTokens = 100, OutputTokens = failed ? 0 : 50, LatencyMs = 400,
        Outcome = failed ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = failed ? ErrorTypes.ServerError : null,
    };

    private static UsageIngested Costing(UsageRecorded usage, decimal usd) => new()
    {
        Usage = usage, IngestedAt = usage.OccurredAt, Source = "test",
        Cost = new UsageCost { Priced = true, OutputUsd = usd, TotalUsd = usd, PriceVersion = "test" },
    };

    [Fact]
    public async Task ScriptedErrorBurst_OpensThenHalfOpensThenClosesTheCircuit_AndPublishesEachChange()
    {
        // Given a provider answering well, then failing in a burst, then recovering after the cool-down
        var collector = await MessageCollector<ProviderCircuitChanged>.ConnectAsync(host.Bus, "test-circuit-changes");
        var t0 = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var calls = Enumerable.Range(0, 20).Select(i => Call("burst", t0.AddSeconds(i), false))
            .Concat(Enumerable.Range(0, 30).Select(i => Call("burst", t0.AddSeconds(20 + i * 0.5), true)))
            .Concat(Enumerable.Range(0, 8).Select(i => Call("burst", t0.AddSeconds(80 + i), false)))
            .ToList();

        // When the calls are ingested
        await TestUsage.AppendAsync(host.Log, calls.Select(c => TestUsage.Ingested(c)));

        // Then the circuit went closed → open → half-open → closed, each change stored once and published
        await host.WaitUntilAsync(() => Task.FromResult(collector.Received.Count(c => c.Provider == "burst") >= 3), "three circuit changes published");
        await Task.Delay(300);
        var changes = collector.Received.Where(c => c.Provider == "burst").OrderBy(c => c.ChangedAt).ToList(); // the bus does not promise order; ChangedAt does
        Assert.Equal([(CircuitStates.Closed, CircuitStates.Open), (CircuitStates.Open, CircuitStates.HalfOpen), (CircuitStates.HalfOpen, CircuitStates.Closed)],
            changes.Select(c => (c.PreviousState, c.State)));
        Assert.True(changes[0].ErrorRate > 0.5);
        Assert.Equal(3L, await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE 'provider-circuit-burst-%'"));
        var burst = (await host.Services.GetRequiredService<ProviderHealthReader>().StatesAsync(default)).Single(p => p.Provider == "burst");
        Assert.Equal(CircuitStates.Closed, burst.Circuit.State);
        Assert.InRange(Assert.Single(burst.Incidents).PeakErrorRate, 0.5, 1.0);

        // And a rebuild re-decides no change: none is stored or published again
        await host.Services.GetRequiredService<ProjectionCatalog>().DaemonFor("provider_health")!.RebuildAsync();
        Assert.Equal(3L, await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE 'provider-circuit-burst-%'"));
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE published_at IS NULL") == 0, "the outbox drained");
        Assert.Equal(3, collector.Received.Count(c => c.Provider == "burst"));
    }

    [Fact]
    public async Task BudgetCrossings_FireOncePerThreshold_AndReachTheWebhook()
    {
        // Given a $1 monthly budget for one team with a webhook, and a listener for the bus message
        await using var receiver = await WebhookReceiver.StartAsync();
        var collector = await MessageCollector<BudgetThresholdCrossed>.ConnectAsync(host.Bus, "test-budget-crossings");
        var team = "team-" + Guid.NewGuid().ToString("N")[..8]; // the class's other tests share the database
        var response = await host.Http.PostAsJsonAsync("/v1/budgets", new BudgetTerms
        {
            Name = "Growth", ScopeKind = BudgetScopes.Team, ScopeValue = team, AmountUsd = 1m, Period = BudgetPeriods.Month,
            WebhookUrl = new Uri(receiver.BaseUrl, "/200").ToString(),
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var budget = (await response.Content.ReadFromJsonAsync<Budget>())!;

        // When the team spends $1.30 in 13 calls of 10 cents (and another team spends too)
        var now = DateTimeOffset.UtcNow;
        var calls = Enumerable.Range(0, 13).Select(i => Costing(Call("budgeted", now.AddSeconds(-13 + i), false, team), 0.10m))
            .Append(Costing(Call("budgeted", now, false, "other"), 5m));
        foreach (var call in calls)
        {
            await TestUsage.AppendAsync(host.Log, [call]);
        }

        // Then 80% and 100% each fired once: stored, published and delivered
        await host.WaitUntilAsync(() => Task.FromResult(receiver.Calls.Count >= 2 && collector.Received.Count >= 2), "two crossings delivered and published");
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM webhook_deliveries WHERE status = 'delivered'") == 2, "deliveries recorded");
        Assert.Equal([80m, 100m], collector.Received.Select(c => c.ThresholdPercent).Order());
        Assert.All(receiver.Calls, call => Assert.Contains("\"text\":", call.Body, StringComparison.Ordinal));
        Assert.Equal(2L, await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE message_type = 'budget_threshold_crossed' AND body->>'budgetId' = $1", budget.BudgetId));
        // The crossings fire at the 8th and 10th call: the last three may still be on their way to the spend
        BudgetStatus status = null!;
        await host.WaitUntilAsync(
            async () => (status = (await host.Http.GetFromJsonAsync<BudgetStatus>($"/v1/budgets/{budget.BudgetId}"))!).SpentUsd == 1.30m,
            "all 13 calls counted in the spend");
        Assert.Equal(130m, status.PercentUsed);
        Assert.True(status.ProjectedSpendUsd >= status.SpentUsd);

        // And a rebuild of the budget projection fires nothing again
        await host.Services.GetRequiredService<ProjectionCatalog>().DaemonFor(BudgetSpendProjection.ProjectionName)!.RebuildAsync();
        await Task.Delay(500);
        Assert.Equal(2, receiver.Calls.Count);
        Assert.Equal(2L, await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE message_type = 'budget_threshold_crossed' AND body->>'budgetId' = $1", budget.BudgetId));
        Assert.Equal(2, collector.Received.Count);
    }

    [Fact]
    public async Task FailingWebhook_IsRetriedThenRecordedAsFailed()
    {
        // Given a budget whose webhook always answers 503
        await using var receiver = await WebhookReceiver.StartAsync();
        var response = await host.Http.PostAsJsonAsync("/v1/budgets", new BudgetTerms
        {
            Name = "Flaky", ScopeKind = BudgetScopes.Provider, ScopeValue = "flaky", AmountUsd = 0.5m, Period = BudgetPeriods.Day, ThresholdsPercent = [100m],
            WebhookUrl = new Uri(receiver.BaseUrl, "/503").ToString(),
        });
        var budget = (await response.Content.ReadFromJsonAsync<Budget>())!;

        // When spend crosses it
        await TestUsage.AppendAsync(host.Log, [Costing(Call("flaky", DateTimeOffset.UtcNow, false), 1m)]);

        // Then the delivery is attempted three times (MaxAttempts) and recorded as failed, with the last answer
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>(
            "SELECT count(*) FROM webhook_deliveries WHERE status = 'failed' AND alert_id LIKE $1", $"budget-threshold-{budget.BudgetId}-%") == 1, "delivery failed");
        Assert.Equal(3, receiver.Calls.Count);
        Assert.Equal(3, await host.ScalarAsync<int>("SELECT attempts FROM webhook_deliveries WHERE alert_id LIKE $1", $"budget-threshold-{budget.BudgetId}-%"));
        Assert.Equal(503, await host.ScalarAsync<int>("SELECT last_status_code FROM webhook_deliveries WHERE alert_id LIKE $1", $"budget-threshold-{budget.BudgetId}-%"));
    }

    [Fact]
    public async Task NewEvent_IsVisibleInTheRollupsWithinASecond()
    {
        var usage = Call("lagtest", DateTimeOffset.UtcNow, false);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await TestUsage.AppendAsync(host.Log, [TestUsage.Ingested(usage)]);
        await host.WaitUntilAsync(async () => await host.ScalarAsync<long>("SELECT count(*) FROM usage_rollup_minute WHERE provider = 'lagtest'") == 1, "rollup row visible");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"visible after {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task EveryProjection_AppliesTheseEventsWithoutSkippingAny()
    {
        var now = DateTimeOffset.UtcNow;
        await TestUsage.AppendAsync(host.Log, TestUsage.Generate(500, seed: 77, from: now.AddHours(-3), span: TimeSpan.FromHours(3)));
        var catalog = host.Services.GetRequiredService<ProjectionCatalog>();
        var last = await host.ScalarAsync<long>("SELECT max(seq) FROM events");
        foreach (var projection in catalog.Projections)
        {
            var daemon = catalog.DaemonFor(projection);
            await host.WaitUntilAsync(async () => await daemon.ReadCheckpointAsync() >= last, projection.Name + " caught up");
            Assert.Empty(await daemon.ReadErrorsAsync());
        }

        var health = await host.Http.GetStringAsync(new Uri("/v1/providers/health", UriKind.Relative));
        Assert.Contains("\"healthScore\":", health, StringComparison.Ordinal);
        Assert.Contains("\"objectives\":", await host.Http.GetStringAsync(new Uri("/v1/slos", UriKind.Relative)), StringComparison.Ordinal);
        Assert.StartsWith("[", await host.Http.GetStringAsync(new Uri("/v1/anomalies", UriKind.Relative)), StringComparison.Ordinal);
    }
}
