using JasperFx.Events.Projections;
using Marten;

namespace TokenOptimizer.Aggregation.RunningProjections;

/// <summary>
/// A read model as a member of the composite that takes no part in Marten's single-pass replay. On the first start of
/// a composite with events in the store, that replay reads up to the highest committed event rather than the daemon's
/// high-water mark, so an append still in flight below it was passed over and never applied
/// (<c>FirstStartWithAnAppendInFlight</c>: 150 of 151). Without it the first start pages through the store like any
/// catch-up, holding at a gap until the append commits.
/// </summary>
internal sealed class ReadModelSource(ReadModelProjection readModel)
    : ProjectionWrapper<IDocumentOperations, IQuerySession>(readModel, ProjectionLifecycle.Async), IProjectionSource<IDocumentOperations, IQuerySession>
{
    bool IProjectionSource<IDocumentOperations, IQuerySession>.CanParticipateInCompositeReplay => false;
}
