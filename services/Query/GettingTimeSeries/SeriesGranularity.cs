using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingTimeSeries;

/// <summary>The GraphQL <c>Granularity</c> enum: a time series' bucket width, one per rollup table.</summary>
public static class SeriesGranularity
{
    public const string TypeName = "Granularity";

    public static RollupGranularity Named(string name) =>
        RollupGranularity.Named(name.ToLowerInvariant()) ?? throw new GraphQLException($"granularity: unknown value {name}.", "BAD_USER_INPUT");

    public static void AddType(SchemaBuilder schema) => schema.Enum(TypeName, e =>
    {
        e.Description("The width of a time series' buckets: a UTC minute, hour or day.");
        foreach (var granularity in RollupGranularity.All)
        {
            e.Value(granularity.Name.ToUpperInvariant());
        }
    });
}
