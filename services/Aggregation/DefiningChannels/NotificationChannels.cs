using System.Collections.Immutable;

namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>
/// Every channel by id, folded from the one stream <c>notification-channels</c>: an organisation has a handful, and
/// one stream makes each change conflict with any other made meanwhile.
/// </summary>
public sealed record NotificationChannels(ImmutableSortedDictionary<string, ChannelTerms> ById)
{
    public const string Stream = "notification-channels";

    /// <summary>The channel every alert reaches without being listed: the alert feed, which the rules own.</summary>
    public const string InApp = "in-app";

    public static readonly NotificationChannels None = new(ImmutableSortedDictionary<string, ChannelTerms>.Empty.WithComparers(StringComparer.Ordinal));

    public static NotificationChannels Evolve(NotificationChannels state, object @event) => @event switch
    {
        ChannelDefined defined => new(state.ById.SetItem(defined.ChannelId, defined.Terms)),
        ChannelRemoved removed => new(state.ById.Remove(removed.ChannelId)),
        _ => state,
    };

    /// <summary>Pure decisions: (state, command) → events, or why the state refuses the command.</summary>
    public static IReadOnlyList<object> Decide(NotificationChannels state, object command) => command switch
    {
        DefineChannel define => [new ChannelDefined(define.ChannelId, define.Terms, define.At)],
        RemoveChannel remove when !state.ById.ContainsKey(remove.ChannelId) => throw new ChannelRejectedException($"channel {remove.ChannelId} does not exist", notFound: true),
        RemoveChannel remove => [new ChannelRemoved(remove.ChannelId, remove.At)],
        _ => throw new ArgumentException($"Unknown command {command.GetType().Name}", nameof(command)),
    };
}
