using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.Access;

/// <summary>
/// Who may call a back-end service's API (Aggregation, Recommendations): a read key to read (GET, HEAD), an admin key
/// for anything else. One rule, as the fallback policy, rather than a role on each endpoint: every endpoint, including
/// ones added later, is covered without its author having to remember; an endpoint that must stay open (the health
/// checks) says <c>AllowAnonymous</c>. Team-scoped keys are refused (403): these services do not filter by team, so a
/// scoped read key would see every team's data. A team's dashboard reads through the Query service, which applies the scope.
/// </summary>
public static class ReadsNeedReadWritesNeedAdmin
{
    /// <summary>The policy: an unscoped key with the method's role.</summary>
    public static AuthorizationPolicy Policy { get; } = new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => context.Resource is HttpContext http
            && ApiKeyPrincipal.From(context.User) is { IsUnscoped: true } caller
            && caller.Has(RoleFor(http.Request.Method)))
        .Build();

    /// <summary>Read for GET and HEAD, admin for every other method.</summary>
    public static Role RoleFor(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? Role.Read : Role.Admin;

    /// <summary>Adds API keys and makes <see cref="Policy"/> the fallback for every endpoint.</summary>
    public static IHostApplicationBuilder AddReadsNeedReadWritesNeedAdmin(this IHostApplicationBuilder builder)
    {
        builder.AddApiKeys();
        builder.Services.AddAuthorization(options => options.FallbackPolicy = Policy);
        return builder;
    }
}
