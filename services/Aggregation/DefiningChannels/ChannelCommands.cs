namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>Defines a channel, or replaces the terms of one that exists.</summary>
public sealed record DefineChannel(string ChannelId, ChannelTerms Terms, DateTimeOffset At);

public sealed record RemoveChannel(string ChannelId, DateTimeOffset At);

/// <summary>A command the channels' state refuses.</summary>
public sealed class ChannelRejectedException(string problem, bool notFound = false) : Exception(problem)
{
    public bool NotFound { get; } = notFound;
}
