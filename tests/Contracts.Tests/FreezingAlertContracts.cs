using System.Text.Json;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Contracts.Tests;

/// <summary>The alert messages Aggregation publishes keep their JSON shape, like <see cref="UsageRecorded"/>.</summary>
public sealed class FreezingAlertContracts
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static string Snapshot(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Snapshots", name)).Trim();

    [Fact]
    public void ProviderCircuitChanged_KeepsItsV1Shape()
    {
        var message = new ProviderCircuitChanged
        {
            Provider = "openai", PreviousState = CircuitStates.Closed, State = CircuitStates.Open,
            ChangedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), ErrorRate = 0.625, WindowRequests = 48,
            Reason = "error rate 62.5% over 60 s (48 calls) above 50%",
        };

        Assert.Equal(Snapshot("ProviderCircuitChanged.v1.json"), JsonSerializer.Serialize(message, Web));
    }

    [Fact]
    public void BudgetThresholdCrossed_KeepsItsV1Shape()
    {
        var message = new BudgetThresholdCrossed
        {
            BudgetId = "b-1", BudgetName = "Growth", ScopeKind = "team", ScopeValue = "growth", ThresholdPercent = 80, AmountUsd = 1000, SpentUsd = 812.5m,
            PeriodStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), PeriodEnd = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero),
            CrossedAt = new DateTimeOffset(2026, 1, 20, 10, 0, 0, TimeSpan.Zero),
        };

        Assert.Equal(Snapshot("BudgetThresholdCrossed.v1.json"), JsonSerializer.Serialize(message, Web));
    }

    [Fact]
    public void AlertMessages_StayInTheirWireNamespace()
    {
        Assert.Equal("TokenOptimizer.Contracts", typeof(ProviderCircuitChanged).Namespace);
        Assert.Equal("TokenOptimizer.Contracts", typeof(BudgetThresholdCrossed).Namespace);
    }
}
