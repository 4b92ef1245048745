namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>Stored event <c>notification_channel_defined</c> in stream <c>notification-channels</c>: the channel's terms from now on (all of them).</summary>
public sealed record ChannelDefined(string ChannelId, ChannelTerms Terms, DateTimeOffset At);

/// <summary>Stored event <c>notification_channel_removed</c>.</summary>
public sealed record ChannelRemoved(string ChannelId, DateTimeOffset At);
