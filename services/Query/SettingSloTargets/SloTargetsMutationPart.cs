using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.GettingSlos;
using TokenOptimizer.Query.Serving;
using TokenOptimizer.Query.Upstreams;

namespace TokenOptimizer.Query.SettingSloTargets;

/// <summary>
/// <c>setSloTargets</c> for admin keys, decided and stored by the Aggregation service (<c>PUT /v1/slos/targets</c>):
/// the new targets replace any set before, value by value over the configured ones.
/// </summary>
public sealed class SloTargetsMutationPart(UpstreamClient upstream) : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .InputObject("SloTargetsInput", i => i
            .Description("Omitted targets stay as configured. Rates are shares of calls, above 0 and at most 1.")
            .Field("availability", "Float", f => f.Description("e.g. 0.995"))
            .Field("latencyP95Ms", "Float", f => f.Description("Above 0."))
            .Field("errorRate", "Float", f => f.Description("e.g. 0.02")))
        .InputObject("ProviderSloTargetsInput", i => i
            .Description("A provider's own targets; what it omits is its configured target, else the global one.")
            .Field("provider", "String!").Field("availability", "Float").Field("latencyP95Ms", "Float").Field("errorRate", "Float"));

    public void AddMutationFields(ObjectTypeBuilder mutation) => mutation.Field("setSloTargets", "SloTargetSettings!", f => f
        .Description("Sets the SLO targets (admin keys). Each call replaces the targets set before; invalid values are refused naming the field.")
        .Argument("global", "SloTargetsInput")
        .Argument("providers", "[ProviderSloTargetsInput!]")
        .ResolveAsync(async context =>
        {
            QueryCaller.Of(context).Require(Role.Admin);
            var body = new Dictionary<string, object?>
            {
                ["global"] = context.Argument<IReadOnlyDictionary<string, object?>>("global"),
                ["providers"] = Providers(context.Argument<IEnumerable<object?>>("providers")),
            };
            var answer = await upstream.SendAsync(UpstreamClient.Aggregation, HttpMethod.Put, "/v1/slos/targets", body, context.CancellationToken);
            return SloTargetSettings.From(answer!.Value);
        }));

    // The owner takes providers by name, as configuration does; a name given twice would silently lose one.
    private static Dictionary<string, object?>? Providers(IEnumerable<object?>? providers)
    {
        if (providers is null)
        {
            return null;
        }

        var byName = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var targets in providers.OfType<IReadOnlyDictionary<string, object?>>())
        {
            var name = (string)targets["provider"]!;
            if (!byName.TryAdd(name, targets.Where(t => t.Key != "provider").ToDictionary(t => t.Key, t => t.Value)))
            {
                throw new GraphQLException($"providers: {name} is listed more than once.", "BAD_USER_INPUT");
            }
        }

        return byName;
    }
}
