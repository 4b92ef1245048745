using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.IdentifyingTheCaller;

/// <summary>
/// <c>viewer</c>: the key that asks, its role and team scope, so a client (the dashboard) can offer what the key may
/// do without trying an action to see whether it is refused.
/// </summary>
public sealed class ViewerPart : ISchemaPart
{
    public void AddTypes(SchemaBuilder schema) => schema
        .Enum("ApiKeyRole", e => e
            .Description("What a key that may read can do; ingest keys cannot query at all.")
            .Value("READ", Role.Read)
            .Value("ADMIN", Role.Admin))
        .Object("Viewer", o => o
            .Description("The API key this request was sent with.")
            .Field("keyId", "String!", f => f.Description("The key's public id, as the admin key listing shows it; never the secret."))
            .Field("role", "ApiKeyRole!", f => f.Description("ADMIN may also define budgets, set prices and SLO targets, and decide recommendations."))
            .Field("team", "String", f => f.Description("The only team this key sees; null for a key that sees every team.")));

    public void AddQueryFields(ObjectTypeBuilder query) => query.Field("viewer", "Viewer!", f => f
        .Description("Who is asking: the key's role and team scope.")
        .Resolve(context => QueryCaller.Of(context).Principal));
}
