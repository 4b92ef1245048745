using System.Collections.Concurrent;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// The projections this instance applies now. Each projection runs on one instance at a time, so with several
/// instances <c>GET /v1/projections</c> on each says where each projection runs, and where it moved after one died.
/// </summary>
public sealed class ProjectionsRunningHere
{
    private readonly ConcurrentDictionary<string, bool> _running = new();

    public bool Contains(string projection) => _running.TryGetValue(projection, out var running) && running;

    /// <summary>Notes that this instance took up (<paramref name="running"/>) or let go of a projection.</summary>
    public void Set(string projection, bool running) => _running[projection] = running;
}
