using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Filtering;

namespace TokenOptimizer.Query.Serving;

/// <summary>The product's GraphQL schema: the shared scalars, filter and dimensions, then every registered part.</summary>
public static class QuerySchema
{
    public static Schema Build(IEnumerable<ISchemaPart> parts)
    {
        var list = parts.ToList();
        var schema = new SchemaBuilder()
            .Description("TokenOptimizer: where LLM money and latency go. Every query takes a UsageFilter; money is Decimal (a string), exact to the cent and beyond.")
            .Scalar(CustomScalars.DateTime)
            .Scalar(CustomScalars.Decimal)
            .Scalar(CustomScalars.Long);
        FilterArgument.AddTypes(schema);
        DimensionEnum.AddType(schema);
        foreach (var part in list)
        {
            part.AddTypes(schema);
        }

        // The schema has mutations (admin) and a subscription (dashboard updates) among its parts, so all three roots exist.
        schema.Object("Query", q => list.ForEach(p => p.AddQueryFields(q)))
            .Object("Mutation", m => list.ForEach(p => p.AddMutationFields(m)))
            .Object("Subscription", s => list.ForEach(p => p.AddSubscriptionFields(s)));
        return schema.Build();
    }
}
