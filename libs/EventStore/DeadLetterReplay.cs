namespace TokenOptimizer.EventStore;

/// <summary>What a replay of a projection's dead letters did.</summary>
/// <param name="Projection">The projection's name.</param>
/// <param name="Applied">Events that applied this time and left the dead letters.</param>
/// <param name="StillFailing">Events that failed again and stay, with the new reason.</param>
public sealed record DeadLetterReplay(string Projection, int Applied, int StillFailing);
