using TokenOptimizer.GraphQL;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// One use case's share of the GraphQL schema: its types and its root fields. <see cref="QuerySchema"/> puts
/// the parts together, so a use case lives in its own folder and the schema has no central list of fields.
/// </summary>
public interface ISchemaPart
{
    void AddTypes(SchemaBuilder schema);

    void AddQueryFields(ObjectTypeBuilder query) { }

    void AddMutationFields(ObjectTypeBuilder mutation) { }

    void AddSubscriptionFields(ObjectTypeBuilder subscription) { }
}
