using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.Filtering;

/// <summary>The GraphQL <c>Dimension</c> enum: one value per <see cref="Dimension"/>, by its name.</summary>
public static class DimensionEnum
{
    public static void AddType(SchemaBuilder schema) => schema.Enum("Dimension", e =>
    {
        e.Description("What to split usage by. USER and API_KEY are kept per UTC day, so a split by them covers the whole days the range touches.");
        foreach (var dimension in Dimension.All)
        {
            e.Value(dimension.Name);
        }
    });
}
