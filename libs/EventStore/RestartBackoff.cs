namespace TokenOptimizer.EventStore;

/// <summary>
/// The pause before restarting a daemon that failed: doubling from <c>first</c> up to <c>max</c>, and back to
/// <c>first</c> once the daemon succeeds again, so a later fault is retried promptly however long the last one lasted.
/// No jitter: one instance runs each projection (its advisory lock), so there is no herd to spread out.
/// </summary>
public sealed class RestartBackoff
{
    private readonly TimeSpan _first;
    private readonly TimeSpan _max;
    private TimeSpan _next;

    /// <summary>Pauses from <paramref name="first"/>, doubling up to <paramref name="max"/>.</summary>
    public RestartBackoff(TimeSpan first, TimeSpan max)
    {
        _first = _next = first;
        _max = max;
    }

    /// <summary>The pause to take now; the one after it is twice as long, up to the maximum.</summary>
    public TimeSpan Next()
    {
        var delay = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, _max.Ticks));
        return delay;
    }

    /// <summary>Starts again from the first pause.</summary>
    public void Reset() => _next = _first;
}
