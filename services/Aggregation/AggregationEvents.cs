using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.DetectingAnomalies;
using TokenOptimizer.Aggregation.MeasuringSlos;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.EventStore;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation;

/// <summary>The events this service reads and writes, under their stored snake_case aliases.</summary>
public static class AggregationEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .AddUsageEvents()
        .Register<BudgetDefined>("budget_defined")
        .Register<BudgetChanged>("budget_changed")
        .Register<BudgetRemoved>("budget_removed")
        .Register<BudgetThresholdReached>("budget_threshold_crossed")
        .Register<CircuitChanged>("provider_circuit_changed")
        .Register<CircuitCoolDownElapsed>("provider_circuit_cool_down_elapsed")
        .Register<SloTargetsSet>("slo_targets_set")
        .Register<UsageAnomalyDetected>("usage_anomaly_detected");
}
