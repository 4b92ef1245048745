using Microsoft.Extensions.Options;
using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>
/// The <c>slo-targets</c> stream: reads the targets in force (the latest stored ones over the configured ones) and
/// appends new ones at the version read, so two administrators setting targets at once cannot both win unseen.
/// </summary>
public sealed class SloTargetsLog(IDocumentStore store, IOptions<SloOptions> options, TimeProvider clock)
{
    public const string Stream = "slo-targets";

    public async Task<SloTargetsInForce> ReadAsync(CancellationToken cancellationToken)
    {
        var events = await EventStreams.ReadAsync(store, Stream, cancellationToken);
        var latest = events.Select(e => e.Data).OfType<SloTargetsSet>().LastOrDefault();
        return new SloTargetsInForce(options.Value.With(latest), latest, events.Count);
    }

    /// <summary>Stores validated targets; they are in force from the answer on.</summary>
    /// <exception cref="StreamVersionConflictException">Targets were set meanwhile.</exception>
    public async Task<SloTargetsInForce> SetAsync(SetSloTargets command, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(cancellationToken);
        var set = new SloTargetsSet { Global = command.Global, Providers = command.Providers, At = clock.GetUtcNow() };
        await EventStreams.AppendAsync(store, Stream, current.Version, [set], cancellationToken);
        return new SloTargetsInForce(options.Value.With(set), set, current.Version + 1);
    }
}
