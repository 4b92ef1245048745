using TokenOptimizer.Access;
using TokenOptimizer.GraphQL;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.Serving;

/// <summary>
/// The GraphQL user context: who is asking (the authenticated key), the operation's share of the database and, read
/// once per operation, how far the read models had got when it started, which keys the result cache.
/// </summary>
public sealed class QueryCaller(ApiKeyPrincipal principal, Func<CancellationToken, Task<string>> readVersion, DatabaseTurns database)
{
    private Task<string>? _version;

    public ApiKeyPrincipal Principal => principal;

    /// <summary>The turns this operation's database commands take (its resolvers share them).</summary>
    public DatabaseTurns Database => database;

    /// <summary>The team every answer is limited to, or null for an unscoped key.</summary>
    public string? ScopeTeam => principal.Team;

    public Task<string> VersionAsync(CancellationToken cancellationToken) => _version ??= readVersion(cancellationToken);

    public static QueryCaller Of(ResolveContext context) =>
        context.UserContext as QueryCaller ?? throw new GraphQLException("Not authenticated.", "UNAUTHENTICATED");

    /// <summary>Refuses the field unless the key grants <paramref name="role"/>; nothing of the field is resolved.</summary>
    public void Require(Role role)
    {
        if (!principal.Has(role))
        {
            throw new GraphQLException($"This needs an API key with the {role.ToName()} role.", "FORBIDDEN");
        }
    }

    /// <summary>Refuses organisation-wide data to a team-scoped key.</summary>
    public void RequireUnscoped(string what)
    {
        if (!principal.IsUnscoped)
        {
            throw new GraphQLException($"{what} covers every team; a team-scoped API key cannot read it.", "FORBIDDEN");
        }
    }
}
