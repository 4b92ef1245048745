namespace TokenOptimizer.AppHost.Dashboard;

internal static class DashboardBuildExtensions
{
    /// <summary>The dashboard's folder in this checkout.</summary>
    public static string DashboardFolder(this IDistributedApplicationBuilder builder) => Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "dashboard"));

    /// <summary>Builds the dashboard when it is stale (<c>build-dashboard.sh</c>); Query waits for it to finish.</summary>
    public static IResourceBuilder<ExecutableResource> AddDashboardBuild(this IDistributedApplicationBuilder builder) =>
        builder.AddExecutable("dashboard-build", "bash", builder.DashboardFolder(),
                Path.Combine(builder.AppHostDirectory, "Dashboard", "build-dashboard.sh"), builder.DashboardFolder())
            .ExcludeFromManifest();
}
