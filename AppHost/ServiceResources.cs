using TokenOptimizer.AppHost.Infrastructure;

namespace TokenOptimizer.AppHost;

internal static class ServiceResources
{
    public const string BootstrapAdminKey = "bootstrap-admin-key";

    /// <summary>
    /// What every service needs: its database and broker (waited for), the bootstrap admin key, an HTTP endpoint with
    /// <c>/health</c> for the orchestrator, and no MassTransit usage telemetry (it calls out to the internet).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceDefaults(
        this IResourceBuilder<ProjectResource> service, Servers servers, IResourceBuilder<ParameterResource> adminKey) =>
        servers.Referenced(service)
            .WithHttpEndpoint()
            .WithHttpHealthCheck("/health")
            .WithEnvironment("Access__BootstrapAdminKey", adminKey)
            .WithEnvironment("MASSTRANSIT_USAGE_TELEMETRY", "false");
}
