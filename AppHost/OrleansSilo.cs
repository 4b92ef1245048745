namespace TokenOptimizer.AppHost;

internal static class OrleansSilo
{
    /// <summary>
    /// Aggregation hosts an Orleans silo: each replica gets its own silo and gateway port (Aspire endpoints, which DCP
    /// allocates per replica and hands to it as <c>Orleans:Endpoints:SiloPort</c> / <c>GatewayPort</c>), and every replica the
    /// same cluster and service ids, so the replicas meet in the membership table in the shared PostgreSQL database and
    /// form one cluster. The endpoints and variables are those Aspire.Hosting.Orleans sets; that package is not used
    /// because it insists on a clustering provider configured by name, and ours is Aggregation's own PostgreSQL membership
    /// table (no ADO.NET schema scripts are served), wired in code.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOrleansSilo(this IResourceBuilder<ProjectResource> aggregation, string clusterId, string serviceId) =>
        aggregation
            .WithEnvironment("Orleans__ClusterId", clusterId)
            .WithEnvironment("Orleans__ServiceId", serviceId)
            .WithEnvironment("Orleans__EnableDistributedTracing", "true")
            // Proxied, though nothing connects through the proxy: a proxyless endpoint needs a fixed port, which replicas
            // would share; a proxied one gets a port per replica (Aspire.Hosting.Orleans does the same). Silos advertise
            // their own port in the membership table and connect to each other directly.
            .WithEndpoint(name: "orleans-silo", scheme: "tcp", env: "Orleans__Endpoints__SiloPort", isProxied: true, isExternal: false)
            .WithEndpoint(name: "orleans-gateway", scheme: "tcp", env: "Orleans__Endpoints__GatewayPort", isProxied: true, isExternal: false);
}
