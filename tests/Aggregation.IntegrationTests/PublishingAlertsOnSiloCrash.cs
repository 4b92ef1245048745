using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>The alert outbox when the silo that is publishing a grain's alert dies: the alert still goes out, once.</summary>
public sealed class PublishingAlertsOnSiloCrash(TwoSiloGrainCluster cluster) : IClassFixture<TwoSiloGrainCluster>
{
    [Fact]
    public async Task SiloKilledBetweenStateWriteAndPublish_TheCrossingGoesOutOnce()
    {
        // Given two silos whose publishers are held before the broker, each by its own gate
        var silos = cluster.Cluster.GetActiveSilos().ToList();
        var gates = silos.ToDictionary(s => s, _ => new Gate());
        var reached = new TaskCompletionSource<SiloHandle>(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var silo in silos)
        {
            GrainCluster.Services(silo).GetRequiredService<IBus>().ConnectPublishObserver(new HeldPublishes(gates[silo], () => reached.TrySetResult(silo)));
        }

        // When a budget's grain decides a crossing (state and outbox row written together) and one silo starts publishing it
        var budgetId = Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow;
        var terms = new BudgetTerms { Name = "crash", ScopeKind = BudgetScopes.Organization, AmountUsd = 1m, Period = BudgetPeriods.Day, ThresholdsPercent = [100m] };
        await cluster.Grains().GetGrain<IBudgetGrain>(budgetId).FeedAsync(
            [new BudgetEntry(1, now) { Terms = terms }, new BudgetEntry(2, now) { SpentUsd = 2m }]);
        var publishing = await reached.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // And that silo is killed before the broker has it, while the other goes on (listened to on its bus: a listener
        // on the killed silo's bus could take the message and never settle it)
        await cluster.Cluster.KillSiloAsync(publishing);
        gates[publishing].Fail();
        var survivor = silos.Single(s => s != publishing);
        var received = new ConcurrentQueue<(Guid? MessageId, BudgetThresholdCrossed Message)>();
        var listener = GrainCluster.Services(survivor).GetRequiredService<IBus>().ConnectReceiveEndpoint("test-crossings", endpoint =>
            endpoint.Handler<BudgetThresholdCrossed>(context =>
            {
                received.Enqueue((context.MessageId, context.Message));
                return Task.CompletedTask;
            }));
        await listener.Ready;
        gates[survivor].Open();

        // Then the surviving silo publishes it once its lease runs out: one message, under the crossing's own id
        var alertId = BudgetThresholdReached.AlertIdFor(budgetId, BudgetPeriod.Containing(terms, now).Start, 100m);
        await Eventually.UntilAsync(async () => await cluster.ScalarAsync<long>(
            "SELECT count(*) FROM alert_outbox WHERE alert_id = $1 AND published_at IS NOT NULL", alertId) == 1, TimeSpan.FromSeconds(30), "the crossing published");
        await Eventually.UntilAsync(() => Task.FromResult(!received.IsEmpty), TimeSpan.FromSeconds(30), "the crossing received");
        var (messageId, message) = Assert.Single(received);
        Assert.Equal((OutboxMessage.IdFor(alertId), budgetId, 2m), (messageId, message.BudgetId, message.SpentUsd));
        Assert.Equal(2, await cluster.ScalarAsync<int>("SELECT attempts FROM alert_outbox WHERE alert_id = $1", alertId));

        // And the budget's state, written before the crash, is intact: fed the same page again on the survivor, it decides nothing new
        await cluster.Grains().GetGrain<IBudgetGrain>(budgetId).FeedAsync([new BudgetEntry(2, now) { SpentUsd = 2m }]);
        var state = await cluster.Budgets.StateAsync(budgetId, default);
        Assert.Equal((2m, 1), (state!.Periods.Single().SpentUsd, state.Alerts.Count));
        Assert.Equal(1L, await cluster.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE $1", $"budget-threshold-{budgetId}-%"));
    }

    // Holds each publish of a silo's bus until its gate opens (or fails it when the gate fails), telling the test the first time.
    private sealed class HeldPublishes(Gate gate, Action reached) : IPublishObserver
    {
        public async Task PrePublish<T>(PublishContext<T> context) where T : class
        {
            reached();
            await gate.PassAsync();
        }

        public Task PostPublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    // Closed until opened (every publish then passes) or failed (every publish then throws).
    private sealed class Gate
    {
        private readonly SemaphoreSlim _opened = new(0);
        private volatile bool _failed;

        public async Task PassAsync()
        {
            await _opened.WaitAsync();
            _opened.Release();
            if (_failed)
            {
                throw new OperationCanceledException("the silo was killed");
            }
        }

        public void Open() => _opened.Release();

        public void Fail()
        {
            _failed = true;
            _opened.Release();
        }
    }
}
