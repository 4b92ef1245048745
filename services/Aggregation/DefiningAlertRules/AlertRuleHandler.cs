using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.DefiningAlertRules;

/// <summary>Runs a rule command: fold the stream, decide, append at the version read (concurrent edits conflict).</summary>
public sealed class AlertRuleHandler(IDocumentStore store)
{
    public async Task<DefinedAlertRule> HandleAsync(string ruleId, object command, CancellationToken cancellationToken)
    {
        var stream = await EventStreams.ReadAsync(store, DefinedAlertRule.StreamFor(ruleId), cancellationToken);
        var state = stream.Select(e => e.Data).OfType<object>().Aggregate((DefinedAlertRule?)null, DefinedAlertRule.Evolve);
        var events = AlertRuleDecider.Decide(state, command);
        await EventStreams.AppendAsync(store, DefinedAlertRule.StreamFor(ruleId), stream.Count, events, cancellationToken);
        return events.Aggregate(state, DefinedAlertRule.Evolve)!;
    }
}
