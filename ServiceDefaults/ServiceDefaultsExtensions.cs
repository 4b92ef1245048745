using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>
/// What every TokenOptimizer service shares, in the shape of Aspire's service defaults: OpenTelemetry to the endpoint the
/// app host injects, the health endpoints, and for every outgoing HTTP call service discovery (<c>http://aggregation</c>
/// is found from <c>services:aggregation:http:0</c>, which the app host's <c>WithReference</c> sets) and the standard
/// resilience pipeline.
/// </summary>
public static class ServiceDefaultsExtensions
{
    private const string LiveTag = "live";

    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.AddDefaultTelemetry();
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UnavailableDependencyProblems>();
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            // Only safe methods are retried: a POST that timed out may have been applied, and our writes are not all idempotent.
            http.AddStandardResilienceHandler(resilience => resilience.Retry.DisableForUnsafeHttpMethods());
            http.AddServiceDiscovery();
        });
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: ready, every dependency answers. <c>/alive</c>: the process runs. Open to anyone, also in a
    /// service that asks for an API key by default: orchestrators and load balancers probe them without one.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) }).AllowAnonymous();
        return app;
    }
}
