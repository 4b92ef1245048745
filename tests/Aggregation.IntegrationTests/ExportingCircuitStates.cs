using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>Each provider's circuit as a gauge (<c>tokenoptimizer.provider.circuit_state</c>): 0 closed, 1 half open, 2 open.</summary>
public sealed class ExportingCircuitStates(AggregationHost host) : IClassFixture<AggregationHost>
{
    [Fact]
    public async Task AFailingProvidersOpenCircuit_AndAHealthyOnesClosedOne_AreMeasured()
    {
        // Given a provider that answers well, and one that answers well and then fails in a burst
        using var gauge = new MetricCollector<int>(host.Services.GetRequiredService<IMeterFactory>(), CircuitStateMetrics.MeterName, "tokenoptimizer.provider.circuit_state");
        var t0 = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var calls = Enumerable.Range(0, 20).Select(i => Call("steady-gauge", t0.AddSeconds(i), failed: false))
            .Concat(Enumerable.Range(0, 20).Select(i => Call("failing-gauge", t0.AddSeconds(i), failed: false)))
            .Concat(Enumerable.Range(0, 30).Select(i => Call("failing-gauge", t0.AddSeconds(20 + i * 0.5), failed: true)));

        // When the calls are ingested
        await TestUsage.AppendAsync(host.Log, calls.Select(c => TestUsage.Ingested(c)));

        // Then the gauge says the failing provider's circuit is open and the steady one's closed
        await Eventually.UntilAsync(() =>
        {
            gauge.RecordObservableInstruments();
            var latest = gauge.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["provider"]!).ToDictionary(g => g.Key, g => g.Last().Value);
            return latest.GetValueOrDefault("failing-gauge") == 2 && latest.GetValueOrDefault("steady-gauge", -1) == 0;
        }, TimeSpan.FromSeconds(30), "the gauge measures failing-gauge's circuit open (2) and steady-gauge's closed (0)");
    }

    private static UsageRecorded Call(string provider, DateTimeOffset at, bool failed) => new()
    {
        RequestId = Guid.NewGuid().ToString("N"), OccurredAt = at, Provider = provider, Model = provider + "-model", Feature = "chat",
        Team = "platform", Environment = "production", InputTokens = 100, OutputTokens = failed ? 0 : 50, LatencyMs = 400,
        Outcome = failed ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = failed ? ErrorTypes.ServerError : null,
    };
}
