using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.ManagingApiKeys;
using TokenOptimizer.Access.Schema;

namespace TokenOptimizer.Access;

/// <summary>API keys in a minimal-API service: <c>AddApiKeys</c>, <c>RequireRole</c> and <c>MapApiKeys</c>.</summary>
public static class AccessExtensions
{
    /// <summary>
    /// Registers <see cref="ApiKeyStore"/>, the <c>Access</c> options, creation of the <c>api_keys</c> table at
    /// start-up, and API-key authentication with one authorization policy per role. Needs an
    /// <c>NpgsqlDataSource</c> in the container (ServiceDefaults' <c>AddPostgres</c>). <c>WebApplication</c>
    /// adds the authentication and authorization middleware itself; a pipeline built by hand calls
    /// <c>UseAuthentication()</c> and <c>UseAuthorization()</c> after <c>UseRouting()</c>.
    /// </summary>
    public static IHostApplicationBuilder AddApiKeys(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AccessOptions>()
            .Bind(builder.Configuration.GetSection(ApiKeyDefaults.ConfigurationSection))
            .Validate(o => string.IsNullOrWhiteSpace(o.BootstrapAdminKey) || ApiKeys.TryParse(o.BootstrapAdminKey.Trim(), out _),
                $"{ApiKeyDefaults.ConfigurationSection}:{nameof(AccessOptions.BootstrapAdminKey)} is not an API key: expected tok_<keyId>_<secret> as ApiKeys.Generate() makes it.")
            .Validate(o => o.CacheDuration >= TimeSpan.Zero, $"{ApiKeyDefaults.ConfigurationSection}:{nameof(AccessOptions.CacheDuration)} must not be negative.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ApiKeyStore>();
        services.AddHostedService<ApiKeySchema>();
        services.AddHostedService<ApiKeyRevocations>();
        services.TryAddSingleton<IValidator<CreateApiKey>, CreateApiKeyValidator>();
        services.AddProblemDetails();

        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);
        var authorization = services.AddAuthorizationBuilder();
        foreach (var role in Enum.GetValues<Role>())
        {
            authorization.AddPolicy(ApiKeyDefaults.PolicyFor(role), policy => policy
                .AddAuthenticationSchemes(ApiKeyDefaults.Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => ApiKeyPrincipal.From(context.User)?.Has(role) == true));
        }

        return builder;
    }

    /// <summary>
    /// Lets only callers whose key grants <paramref name="role"/> reach the endpoint or every endpoint of the
    /// group: no or a bad key gets 401, a key with too weak a role 403, both as problem details.
    /// </summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiKeyDefaults.PolicyFor(role));

    /// <summary>
    /// Maps <c>/v1/admin/api-keys</c> for admin keys: <c>POST</c> creates a key and answers 201 with its plaintext,
    /// once; <c>GET</c> lists keys without secrets; <c>DELETE /{keyId}</c> revokes one (204, or 404).
    /// </summary>
    public static RouteGroupBuilder MapApiKeys(this IEndpointRouteBuilder endpoints) => ApiKeyEndpoints.Map(endpoints);
}
