using Microsoft.Extensions.Options;
using TokenOptimizer.EventStore;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>Every projection this service maintains, each with its daemon.</summary>
public sealed class ProjectionCatalog(EventLog log, IEnumerable<IProjection> projections, IOptions<ProjectionOptions> options)
{
    public IReadOnlyList<IProjection> Projections { get; } = projections.ToList();

    public ProjectionDaemon DaemonFor(IProjection projection) => new(log, projection, new ProjectionDaemonOptions
    {
        BatchSize = options.Value.BatchSize,
        PollInterval = options.Value.PollInterval,
        // A bad event must not stop the read models: it is dead-lettered in projection_errors and passed.
        SkipFailingEvents = true,
    });

    public ProjectionDaemon? DaemonFor(string name) =>
        Projections.FirstOrDefault(p => p.Name == name) is { } projection ? DaemonFor(projection) : null;
}
