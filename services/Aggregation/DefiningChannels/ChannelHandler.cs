using Marten;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>Reads the channels, and runs a command on them: fold the stream, decide, append at the version read (concurrent edits conflict).</summary>
public sealed class ChannelHandler(IDocumentStore store)
{
    public async Task<NotificationChannels> LoadAsync(CancellationToken cancellationToken) =>
        (await EventStreams.ReadAsync(store, NotificationChannels.Stream, cancellationToken))
            .Select(e => e.Data).OfType<object>().Aggregate(NotificationChannels.None, NotificationChannels.Evolve);

    public async Task<NotificationChannels> HandleAsync(object command, CancellationToken cancellationToken)
    {
        var stream = await EventStreams.ReadAsync(store, NotificationChannels.Stream, cancellationToken);
        var state = stream.Select(e => e.Data).OfType<object>().Aggregate(NotificationChannels.None, NotificationChannels.Evolve);
        var events = NotificationChannels.Decide(state, command);
        await EventStreams.AppendAsync(store, NotificationChannels.Stream, stream.Count, events, cancellationToken);
        return events.Aggregate(state, NotificationChannels.Evolve);
    }
}
