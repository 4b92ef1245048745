using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>Runs a lifecycle step: fold the stream, check the step applies, append at the version read (concurrent steps conflict).</summary>
public sealed class RecommendationHandler(IDocumentStore store)
{
    public async Task<Recommendation?> LoadAsync(string id, CancellationToken cancellationToken) =>
        (await EventStreams.ReadAsync(store, Recommendation.StreamFor(id), cancellationToken)).Select(e => e.Data).OfType<object>()
            .Aggregate((Recommendation?)null, Recommendation.Fold);

    /// <summary>Appends what <paramref name="decide"/> returns for the current state (nothing: no change), and returns the new state.</summary>
    public async Task<Recommendation?> HandleAsync(string id, Func<Recommendation?, IReadOnlyList<object>> decide, CancellationToken cancellationToken)
    {
        var stream = await EventStreams.ReadAsync(store, Recommendation.StreamFor(id), cancellationToken);
        var state = stream.Select(e => e.Data).OfType<object>().Aggregate((Recommendation?)null, Recommendation.Fold);
        var events = decide(state);
        if (events.Count > 0)
        {
            await EventStreams.AppendAsync(store, Recommendation.StreamFor(id), stream.Count, events, cancellationToken);
        }

        return events.Aggregate(state, Recommendation.Fold);
    }
}
