using System.Text.Json.Serialization.Metadata;
using FluentValidation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Access.ManagingApiKeys;
using TokenOptimizer.Access.Schema;

namespace TokenOptimizer.Access;

/// <summary>API keys in a minimal-API service: <c>AddApiKeys</c>, <c>UseApiKeys</c>, <c>RequireRole</c> and <c>MapApiKeys</c>.</summary>
public static class AccessExtensions
{
    /// <summary>
    /// Registers <see cref="ApiKeyStore"/>, the <c>Access</c> options, creation of the <c>api_keys</c> table at
    /// start-up, API-key authentication with one authorization policy per role, and the request conventions every
    /// service shares (limits, problems). Needs an <c>NpgsqlDataSource</c> in the container (ServiceDefaults'
    /// <c>AddPostgres</c>). Then call <see cref="UseApiKeys"/> before mapping endpoints.
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
        AddRequestConventions(builder);

        // The default scheme, so that middleware before authorization (the per-key rate limiter) knows the caller.
        services.AddAuthentication(ApiKeyDefaults.Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, configureOptions: null);
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
    /// What every service's HTTP edge shares: <see cref="RequestLimitsOptions"/> (section <c>RequestLimits</c>), the named
    /// rate-limit policies, binding failures thrown as <c>BadHttpRequestException</c> and answered as problems, and JSON
    /// bodies read without <c>required</c> checks, so that the input's validator, not the binder, names a missing field.
    /// </summary>
    private static void AddRequestConventions(IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RequestLimitsOptions>().Bind(builder.Configuration.GetSection(RequestLimitsOptions.Section))
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxDrainBytes >= 0, $"{RequestLimitsOptions.Section}:MaxBodyBytes must be positive.")
            .Validate(o => new[] { o.Ingestion, o.GraphQL, o.Exports, o.Admin }.All(l => l.Burst > 0 && l.PermitsPerSecond > 0),
                $"{RequestLimitsOptions.Section}: every rate limit needs a positive Burst and PermitsPerSecond.")
            .ValidateOnStart();
        RateLimitPolicies.Add(services);
        services.AddExceptionHandler<BadRequestProblems>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolver =
            (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(EveryPropertyOptional));
    }

    private static void EveryPropertyOptional(JsonTypeInfo type)
    {
        foreach (var property in type.Properties)
        {
            property.IsRequired = false;
        }
    }

    /// <summary>
    /// The middleware of the HTTP edge, in order: binding failures and other exceptions as problems, authentication,
    /// per-key rate limits (429), authorization (401, 403), body limits (413): a caller refused for who it is or how
    /// often it calls has nothing of its body read. Call first, before mapping endpoints; it replaces the
    /// authentication and authorization middleware <c>WebApplication</c> would add.
    /// </summary>
    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(BodyLimits.EnforceAsync);
        return app;
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
