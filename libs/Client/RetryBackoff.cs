namespace TokenOptimizer.Client;

/// <summary>
/// Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so many producers that
/// lost Ingestion at the same moment do not all come back at the same moment.
/// </summary>
internal static class RetryBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max)
    {
        var exponent = Math.Min(attempt - 1, 30);
        var ceiling = Math.Min(first.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }
}
