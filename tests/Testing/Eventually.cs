using System.Diagnostics;

namespace TokenOptimizer.Testing;

/// <summary>Waiting for a condition instead of sleeping for a guessed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Checks <paramref name="condition"/> until it holds, pausing 10 ms at first and up to 200 ms between
    /// checks. An exception from the condition fails at once: wrap it if failures are expected while waiting.
    /// </summary>
    /// <param name="condition">What should become true.</param>
    /// <param name="timeout">How long to keep checking.</param>
    /// <param name="because">What should have happened, for the failure message.</param>
    /// <param name="ct">Stops waiting.</param>
    /// <exception cref="TimeoutException">The condition did not hold within <paramref name="timeout"/>.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var elapsed = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(10);
        while (!await condition())
        {
            if (elapsed.Elapsed >= timeout)
            {
                throw new TimeoutException($"Still not true after {timeout.TotalSeconds:0.#} s: {because}.");
            }

            await Task.Delay(pause, ct);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPause.Ticks));
        }
    }

    /// <summary>The same for a condition that needs no awaiting.</summary>
    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, TimeSpan, string, CancellationToken)"/>
    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string because, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), timeout, because, ct);
    }
}
