using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingProviderHealth;

/// <summary><c>providers</c>: each provider's circuit, health score, rates, latency, uptime, incidents and models.</summary>
public sealed class ProviderHealthPart(ProviderHealthQuery health, ResultCache cache) : ISchemaPart
{
    private const string VolumeNote = " Null for a team-scoped API key: the volume counts every team's calls.";

    public void AddTypes(SchemaBuilder schema) => schema
        .Object("HealthLatency", o => o
            .Description("Latency percentiles (ms) of the calls of the last 15 minutes; null without calls.")
            .Field("calls", "Long!", f => f.Resolve(c => Latency(c).Count))
            .Field("p50Ms", "Float", f => f.Resolve(c => Latency(c).P50)).Field("p95Ms", "Float", f => f.Resolve(c => Latency(c).P95))
            .Field("p99Ms", "Float", f => f.Resolve(c => Latency(c).P99)).Field("p999Ms", "Float", f => f.Resolve(c => Latency(c).P999)))
        .Object("ProviderIncident", o => o
            .Description("A closed period during which the provider's circuit was open or half-open (an incident in progress shows as the circuit state).")
            .Field("startedAt", "DateTime!").Field("endedAt", "DateTime!").Field("durationSeconds", "Float!")
            .Field("peakErrorRate", "Float!", f => f.Description("The highest error rate the circuit saw during it, 0–1.")))
        .Object("ProviderHealth", o => HealthFields(o
                .Description("A provider now. Status, score, circuit, error rate, latency and uptime are shared infrastructure facts, shown to every key.")
                .Field("provider", "String!")
                .Field("circuitState", "String!", f => f.Description("closed, open or half_open."))
                .Field("circuitChangedAt", "DateTime"), c => ((ProviderHealth)c.Source!).Health)
            .Field("incidents", "[ProviderIncident!]!", f => f.Description("Incidents that ended in the last 30 days, latest first."))
            .Field("models", "[ModelHealth!]!", f => f.Description("Each model with calls in the last 30 days.")))
        .Object("ModelHealth", o => HealthFields(o
            .Description("A model now, judged on its own calls under its provider's circuit.")
            .Field("provider", "String!").Field("model", "String!"), c => ((ModelHealth)c.Source!).Health));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("providers", "[ProviderHealth!]!", f => f
        .Description("Every provider that has been called, by name.")
        .ResolveAsync(context => cache.GetAsync(context, async caller => (object?)await health.AllAsync(caller.ScopeTeam, caller.Database, context.CancellationToken))));

    private static LatencyPercentiles Latency(ResolveContext context) => (LatencyPercentiles)context.Source!;

    private static ObjectTypeBuilder HealthFields(ObjectTypeBuilder type, Func<ResolveContext, Health> health) => type
        .Field("healthScore", "Int!", f => f.Description("0–100, from error rate, latency against the day's, uptime and the circuit.").Resolve(c => health(c).HealthScore))
        .Field("status", "String!", f => f.Description("healthy (score ≥ 80), warning (≥ 50) or critical.").Resolve(c => health(c).Status))
        .Field("requestsPerMinute", "Float", f => f.Description("Calls per minute over the last 5 minutes." + VolumeNote).Resolve(c => health(c).RequestsPerMinute))
        .Field("errorsPerMinute", "Float", f => f.Description("Failed calls per minute over the last 5 minutes." + VolumeNote).Resolve(c => health(c).ErrorsPerMinute))
        .Field("errorRate", "Float!", f => f.Description("Failed share of the calls of the last 5 minutes, 0–1.").Resolve(c => health(c).ErrorRate))
        .Field("latency", "HealthLatency!", f => f.Resolve(c => health(c).Latency))
        .Field("timeToFirstToken", "HealthLatency!", f => f.Description("Of streamed calls.").Resolve(c => health(c).TimeToFirstToken))
        .Field("uptime24h", "Float!", f => f.Description("1 − minutes down / minutes in the window; a minute without calls is not down.").Resolve(c => health(c).Uptime24h))
        .Field("uptime7d", "Float!", f => f.Resolve(c => health(c).Uptime7d))
        .Field("uptime30d", "Float!", f => f.Resolve(c => health(c).Uptime30d));
}
