namespace TokenOptimizer.Contracts;

/// <summary>The values of <see cref="ProviderCircuitChanged.State"/>.</summary>
public static class CircuitStates
{
    /// <summary>Calls flow normally.</summary>
    public const string Closed = "closed";

    /// <summary>The provider fails too often: callers should route elsewhere until the cool-down ends.</summary>
    public const string Open = "open";

    /// <summary>After the cool-down: a few calls probe whether the provider recovered.</summary>
    public const string HalfOpen = "half_open";

    /// <summary>Every known value.</summary>
    public static IReadOnlyList<string> All { get; } = [Closed, Open, HalfOpen];
}
