using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingSlos;

/// <summary>
/// <c>slos</c> and <c>sloTargets</c>: organisation-wide, so refused to team-scoped keys. Not cached: targets set by
/// <c>setSloTargets</c> are not a read model, and the next read must show them. Aliases in one request share one call.
/// </summary>
public sealed class SlosPart(SlosQuery slos) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Object("SloObjective", o => o
            .Description("One objective over the SLO period. availability: share of calls not failed by the provider; error_rate: share of calls failed for any reason; latency_p95_ms: the p95 latency.")
            .Field("name", "String!", f => f.Description("availability, error_rate or latency_p95_ms."))
            .Field("target", "Float!").Field("current", "Float", f => f.Description("Null without calls."))
            .Field("status", "String!", f => f.Description("compliant, at_risk (little error budget left) or breached (the target is missed)."))
            .Field("errorBudgetRemaining", "Float!", f => f.Description("1 = untouched, 0 or less = spent.")))
        .Object("SloReport", o => o
            .Description("The objectives of the whole organisation (scope global) or of one provider.")
            .Field("scope", "String!").Field("provider", "String", f => f.Description("Null for the global report."))
            .Field("requests", "Long!").Field("objectives", "[SloObjective!]!"))
        .Object("SloTargets", o => o
            .Description("A null target is not judged.")
            .Field("availability", "Float").Field("latencyP95Ms", "Float").Field("errorRate", "Float"))
        .Object("ProviderSloTargets", o => o
            .Description("A provider with targets of its own; what it does not set is the global target.")
            .Field("provider", "String!").Field("availability", "Float").Field("latencyP95Ms", "Float").Field("errorRate", "Float"))
        .Object("SloTargetSettings", o => o
            .Field("periodDays", "Float!", f => f.Description("The rolling period objectives are measured over."))
            .Field("atRiskBelowBudgetRemaining", "Float!")
            .Field("global", "SloTargets!").Field("providers", "[ProviderSloTargets!]!")
            .Field("source", "String!", f => f.Description("configuration, or stored once an administrator has set targets."))
            .Field("setAt", "DateTime"));

    public void AddQueryFields(ObjectTypeBuilder query) => query
        .Field("slos", "[SloReport!]!", f => f
            .Description("The global report first, then each provider's. Covers every team: refused to team-scoped API keys.")
            .OncePerRequest()
            .ResolveAsync(async context =>
            {
                QueryCaller.Of(context).RequireUnscoped("The SLO report");
                return await slos.ReportsAsync(context.CancellationToken);
            }))
        .Field("sloTargets", "SloTargetSettings!", f => f
            .Description("The targets in force. Refused to team-scoped API keys, like slos.")
            .OncePerRequest()
            .ResolveAsync(async context =>
            {
                QueryCaller.Of(context).RequireUnscoped("The SLO targets");
                return await slos.TargetsAsync(context.CancellationToken);
            }));
}
