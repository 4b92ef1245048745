using TokenOptimizer.Contracts;

namespace TokenOptimizer.ReadModels;

/// <summary>One 10-second slot of the sliding window: calls and provider-caused failures.</summary>
public sealed record WindowSlot(long StartSeconds, int Requests, int Failures);

/// <summary>
/// A provider's circuit breaker, evolved only by Aggregation's CircuitBreaker in event order, so a replay
/// reaches the same state and the same transitions.
/// </summary>
public sealed record CircuitState
{
    public string Provider { get; init; } = "";

    public string State { get; init; } = CircuitStates.Closed;

    /// <summary>The latest usage time seen for the provider: the breaker's clock.</summary>
    public DateTimeOffset Watermark { get; init; }

    public IReadOnlyList<WindowSlot> Window { get; init; } = [];

    public DateTimeOffset? OpenedAt { get; init; }

    public DateTimeOffset? IncidentStartedAt { get; init; }

    public double IncidentPeakErrorRate { get; init; }

    public int ProbeRequests { get; init; }

    public int ProbeFailures { get; init; }

    /// <summary>How many transitions so far: the next one's ordinal names its stream.</summary>
    public int Transitions { get; init; }

    public DateTimeOffset? ChangedAt { get; init; }

    public static CircuitState Initial(string provider) => new() { Provider = provider };
}
