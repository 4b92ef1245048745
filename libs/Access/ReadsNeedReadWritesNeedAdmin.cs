using Microsoft.AspNetCore.Authorization;
using TokenOptimizer.Access;

namespace TokenOptimizer.Aggregation;

/// <summary>
/// Who may call Aggregation's API: a read key to read (GET, HEAD), an admin key for anything else (defining budgets,
/// setting SLO targets, rebuilding projections). One rule, as the fallback policy, rather than a role on each
/// endpoint: every endpoint mapped in a use-case folder, including ones added later, is covered without its
/// author having to remember; an endpoint that must stay open (the health checks) says <c>AllowAnonymous</c>.
/// Team-scoped keys are refused (403): no endpoint here filters by team, so a scoped read key would see every
/// team's budgets and health. A team's dashboard reads through the Query service, which applies the scope.
/// </summary>
internal static class AggregationAccess
{
    public static AuthorizationPolicy ReadsNeedReadWritesNeedAdmin { get; } = new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => context.Resource is HttpContext http
            && ApiKeyPrincipal.From(context.User) is { IsUnscoped: true } caller
            && caller.Has(RoleFor(http.Request.Method)))
        .Build();

    public static Role RoleFor(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Role.Read : Role.Admin;

    public static IHostApplicationBuilder AddAggregationAccess(this IHostApplicationBuilder builder)
    {
        builder.AddApiKeys();
        builder.Services.AddAuthorization(options => options.FallbackPolicy = ReadsNeedReadWritesNeedAdmin);
        return builder;
    }
}
