using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace TokenOptimizer.ServiceDefaults;

/// <summary>What every TokenOptimizer service shares: telemetry and the health endpoints.</summary>
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
