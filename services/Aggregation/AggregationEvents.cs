using Marten;
using TokenOptimizer.Aggregation.DefiningAlertRules;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.DefiningChannels;
using TokenOptimizer.Aggregation.MeasuringSlos;
using TokenOptimizer.Aggregation.TrackingProviderHealth;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation;

/// <summary>The event store as this service uses it: the usage events it reads, and the events it writes, under their stored snake_case aliases.</summary>
public static class AggregationEvents
{
    public static StoreOptions Configure(StoreOptions options)
    {
        UsageEventStore.Configure(options);
        options.Events.MapEventType<BudgetDefined>("budget_defined");
        options.Events.MapEventType<BudgetChanged>("budget_changed");
        options.Events.MapEventType<BudgetRemoved>("budget_removed");
        options.Events.MapEventType<ChannelDefined>("notification_channel_defined");
        options.Events.MapEventType<ChannelRemoved>("notification_channel_removed");
        options.Events.MapEventType<AlertRuleDefined>("alert_rule_defined");
        options.Events.MapEventType<AlertRuleChanged>("alert_rule_changed");
        options.Events.MapEventType<AlertRuleRemoved>("alert_rule_removed");
        options.Events.MapEventType<CircuitCoolDownElapsed>("provider_circuit_cool_down_elapsed");
        options.Events.MapEventType<SloTargetsSet>("slo_targets_set");
        return options;
    }
}
