namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// The projections as operators see them: how far each is, the events it could not apply (its dead letters), and a
/// replay of those after a fix. Every surface (<c>/v1/projections</c>, the metrics, <c>/health</c>, through them the
/// dashboard and <c>tokenopt</c>) goes through this one interface, so they stay when the daemon under it is replaced.
/// </summary>
public interface IProjectionHealth
{
    /// <summary>Every projection this service runs, with up to <paramref name="lettersEach"/> of its dead letters, oldest first.</summary>
    Task<IReadOnlyList<ProjectionState>> ReadAsync(int lettersEach, CancellationToken cancellationToken);

    /// <summary>All of one projection's dead letters, oldest first; null when this service runs no such projection.</summary>
    Task<IReadOnlyList<DeadLetter>?> DeadLettersAsync(string projection, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one projection's dead letters again: each one that applies now is removed, each one that still fails is
    /// kept with its new reason. Null when this service runs no such projection.
    /// </summary>
    Task<DeadLetterReplayed?> ReplayAsync(string projection, CancellationToken cancellationToken);
}
