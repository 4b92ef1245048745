using TokenOptimizer.Aggregation.MeasuringSlos;
using Xunit;

namespace TokenOptimizer.Aggregation.Tests;

public sealed class MeasuringSlos
{
    private static readonly SloTargets Targets = new() { Availability = 0.99, ErrorRate = 0.05, LatencyP95Ms = 1000 };

    [Fact]
    public void WellWithinTargets_IsCompliant()
    {
        var objectives = SloEvaluator.Evaluate(new SloMeasurement(10_000, 100, 10, 800, 0.01), Targets, 0.25);

        Assert.All(objectives, o => Assert.Equal(SloEvaluator.Compliant, o.Status));
        Assert.Equal(0.9, objectives.Single(o => o.Name == "availability").ErrorBudgetRemaining);
        Assert.Equal(0.8, objectives.Single(o => o.Name == "latency_p95_ms").ErrorBudgetRemaining);
    }

    [Fact]
    public void MostOfTheBudgetSpent_IsAtRisk_AndAMissedTarget_IsBreached()
    {
        var objectives = SloEvaluator.Evaluate(new SloMeasurement(10_000, 600, 90, 1200, 0.07), Targets, 0.25);

        Assert.Equal(SloEvaluator.AtRisk, objectives.Single(o => o.Name == "availability").Status);
        Assert.Equal(SloEvaluator.Breached, objectives.Single(o => o.Name == "error_rate").Status);
        Assert.Equal(SloEvaluator.Breached, objectives.Single(o => o.Name == "latency_p95_ms").Status);
    }

    [Fact]
    public void ProviderTargets_FallBackToGlobalOnes()
    {
        var options = new SloOptions { Providers = { ["slowco"] = new SloTargets { LatencyP95Ms = 20_000 } } };

        Assert.Equal(20_000, options.For("slowco").LatencyP95Ms);
        Assert.Equal(options.Global.Availability, options.For("slowco").Availability);
    }
}
