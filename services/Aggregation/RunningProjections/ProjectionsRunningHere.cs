using JasperFx;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// Whether this instance applies the composite now. Marten's daemon runs it hot/cold: on one instance at a time, the
/// one holding its advisory lock, so with several instances <c>GET /v1/projections</c> on each says where the read models
/// are applied, and where they moved after one died.
/// </summary>
public sealed class ProjectionsRunningHere(IServiceProvider services)
{
    public bool Composite =>
        services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>() is { } coordinator
        && coordinator.DaemonForMainDatabase().CurrentAgents().Any(a => a.Name.Identity == ReadModelComposite.Shard && a.Status == AgentStatus.Running);
}
