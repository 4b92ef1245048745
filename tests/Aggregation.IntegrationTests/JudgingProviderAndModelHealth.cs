using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

public sealed class JudgingProviderAndModelHealth(AggregationHost host) : IClassFixture<AggregationHost>
{
    private static UsageRecorded Call(string provider, string model, DateTimeOffset at, bool failed) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = provider, Model = model,
        InputTokens = 100, OutputTokens = failed ? 0 : 50, LatencyMs = failed ? 2000 : 300,
        Outcome = failed ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = failed ? ErrorTypes.ServerError : null,
    };

    [Fact]
    public async Task EachModel_IsJudgedOnItsOwnCalls_AndTheProviderOnAllOfThem()
    {
        // Given two models of one provider in the last minutes: one sound, one failing every other call
        var provider = "judged-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        var calls = Enumerable.Range(0, 20).Select(i => Call(provider, "steady", now.AddSeconds(-100 + i), false))
            .Concat(Enumerable.Range(0, 20).Select(i => Call(provider, "shaky", now.AddSeconds(-100 + i), i % 2 == 0)));

        // When they are ingested
        await TestUsage.AppendAsync(host.Log, calls.Select(c => TestUsage.Ingested(c)));

        // Then the provider and each model get their own rates, uptime and score
        ProviderHealth? health = null;
        await host.WaitUntilAsync(async () =>
        {
            var all = await host.Http.GetFromJsonAsync<List<ProviderHealth>>("/v1/providers/health?recentMinutes=5");
            health = all!.SingleOrDefault(p => p.Provider == provider);
            // Counts come from the health projection and latency from the rollups' sketches: wait for both.
            return health?.Models.Count == 2 && health.Models.Sum(m => m.Health.RequestsPerMinute) == 8
                && health.Models.All(m => m.Health.Latency.P95 is not null);
        }, "both models' calls counted and their latency sketched");
        var steady = health!.Models.Single(m => m.Model == "steady").Health;
        var shaky = health.Models.Single(m => m.Model == "shaky").Health;
        Assert.Equal((0.0, 0.5, 0.25), (steady.ErrorRate, shaky.ErrorRate, health.Health.ErrorRate));
        Assert.Equal(((double?)4.0, (double?)2.0, (double?)2.0), (steady.RequestsPerMinute, shaky.ErrorsPerMinute, health.Health.ErrorsPerMinute));
        Assert.Equal(300, steady.Latency.P95!.Value, 300 * 0.01);
        Assert.Equal(2000, shaky.Latency.P95!.Value, 2000 * 0.01);
        Assert.Equal(1.0, steady.Uptime24h);
        Assert.True(shaky.Uptime24h < 1.0, "the shaky model's minutes with 50% failures are down");
        Assert.True(steady.HealthScore > shaky.HealthScore, $"{steady.HealthScore} vs {shaky.HealthScore}");
        Assert.Equal("healthy", steady.Status);
    }

    [Fact]
    public async Task OpenCircuit_WithNoFurtherCalls_HalfOpensWhenTheCoolDownRunsOut()
    {
        // Given a provider whose burst of failures opened its circuit over a minute ago, and no call since
        var collector = await MessageCollector<ProviderCircuitChanged>.ConnectAsync(host.Bus, "test-cool-down-changes");
        var provider = "silent-" + Guid.NewGuid().ToString("N")[..6];
        var t0 = DateTimeOffset.UtcNow.AddMinutes(-2);
        var calls = Enumerable.Range(0, 20).Select(i => Call(provider, "m", t0.AddSeconds(i * 0.5), true));
        await TestUsage.AppendAsync(host.Log, calls.Select(c => TestUsage.Ingested(c)));

        // Then the timer ends the cool-down (30 s by default) and the change is stored and published
        await host.WaitUntilAsync(() => Task.FromResult(collector.Received.Any(c => c.Provider == provider && c.State == CircuitStates.HalfOpen)), "half-open published");
        var opened = collector.Received.Single(c => c.Provider == provider && c.State == CircuitStates.Open);
        var halfOpened = collector.Received.Single(c => c.Provider == provider && c.State == CircuitStates.HalfOpen);
        Assert.Equal(opened.ChangedAt + TimeSpan.FromSeconds(30), halfOpened.ChangedAt);
        var health = (await host.Services.GetRequiredService<ProviderHealthReader>().AllAsync(5, DatabaseTurns.None, default)).Single(p => p.Provider == provider);
        Assert.Equal(CircuitStates.HalfOpen, health.CircuitState);
        Assert.Equal(1L, await host.ScalarAsync<long>("SELECT count(*) FROM alert_outbox WHERE alert_id LIKE $1 AND body->>'state' = 'half_open'", $"provider-circuit-{provider}-%"));
    }
}
