using TokenOptimizer.Contracts;

namespace TokenOptimizer.DemoTraffic;

/// <summary>
/// Makes realistic usage records: a daily cycle, long-tailed prompt sizes and latency, prompt caching,
/// reasoning models, and error bursts (each provider has a bad quarter hour every few hours).
/// Deterministic for a given seed, so benchmarks and tests can repeat a run.
/// </summary>
public sealed class UsageTrafficGenerator(int seed = 42)
{
    private readonly Random _random = new(seed);
    private readonly Dictionary<string, ModelProfile> _modelsByName = DemoWorkload.Models.ToDictionary(m => m.Model);
    private long _counter;

    /// <summary>How busy the hour of <paramref name="at"/> is, from about 0.15 at night to 1 in the afternoon (UTC).</summary>
    public static double DailyCycle(DateTimeOffset at)
    {
        var hour = at.UtcDateTime.TimeOfDay.TotalHours;
        var weekend = at.UtcDateTime.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.5 : 1.0;
        return weekend * (0.15 + 0.85 * Math.Pow(Math.Max(0, Math.Sin((hour - 6) / 24 * 2 * Math.PI)), 1.5));
    }

    /// <summary>The next record, made at <paramref name="at"/>.</summary>
    public UsageRecorded Next(DateTimeOffset at)
    {
        var feature = Pick(DemoWorkload.Features, f => f.Weight);
        var model = _modelsByName[feature.Models[_random.Next(feature.Models.Count)]];
        var input = (long)Math.Max(1, LogNormal(feature.MedianInputTokens, 0.8));
        var output = (long)Math.Max(1, LogNormal(feature.MedianOutputTokens, 0.7));
        var reasoning = model.Reasons ? (long)LogNormal(output * 1.5, 0.6) : 0;
        output += reasoning;
        var cached = model.Caches && _random.NextDouble() < 0.8 ? (long)(input * feature.CachedShare * _random.NextDouble()) : 0;
        var cacheWrite = model.Caches && model.Provider == "anthropic" && _random.NextDouble() < 0.1 ? Math.Min(input - cached, input / 4) : 0;
        var streaming = _random.NextDouble() < feature.StreamingShare;
        var latency = LogNormal(model.MedianLatencyMs * (1 + output / 2000.0), 0.5);
        var failure = FailureAt(model.Provider, at);

        return new UsageRecorded
        {
            RequestId = $"demo-{seed}-{Interlocked.Increment(ref _counter)}-{_random.Next():x}",
            OccurredAt = at,
            Provider = model.Provider,
            Model = model.Model,
            Feature = feature.Feature,
            Team = feature.Team,
            Environment = DemoWorkload.Environments[_random.Next(DemoWorkload.Environments.Count)],
            UserId = $"user-{_random.Next(500)}",
            InputTokens = input,
            OutputTokens = failure is null ? output : 0,
            CachedInputTokens = cached,
            CacheWriteTokens = cacheWrite,
            ReasoningTokens = failure is null ? reasoning : 0,
            LatencyMs = Math.Round(failure == ErrorTypes.Timeout ? 30_000 + _random.NextDouble() * 5_000 : latency, 1),
            TimeToFirstTokenMs = streaming ? Math.Round(latency * (0.1 + 0.2 * _random.NextDouble()), 1) : null,
            Streaming = streaming,
            Capabilities = feature.Capabilities,
            Outcome = failure is null ? Outcomes.Succeeded : Outcomes.Failed,
            ErrorType = failure,
            ErrorCode = failure switch { ErrorTypes.RateLimit => "429", ErrorTypes.ServerError => "503", ErrorTypes.Timeout => "timeout", null => null, _ => "400" },
            ErrorMessage = failure is null ? null : $"demo {failure}",
            ServiceTier = feature.Feature == "research-agent" && _random.NextDouble() < 0.3 ? ServiceTiers.Batch : ServiceTiers.Standard,
            EstimatedInputTokens = (long)(input * (0.9 + 0.2 * _random.NextDouble())),
        };
    }

    /// <summary>Records spread over [<paramref name="from"/>, <paramref name="to"/>) following the daily cycle.</summary>
    public IEnumerable<UsageRecorded> Between(DateTimeOffset from, DateTimeOffset to, int count)
    {
        var span = (to - from).TotalSeconds;
        for (var made = 0; made < count;)
        {
            var at = from.AddSeconds(_random.NextDouble() * span);
            if (_random.NextDouble() <= DailyCycle(at))
            {
                made++;
                yield return Next(at);
            }
        }
    }

    private string? FailureAt(string provider, DateTimeOffset at)
    {
        // A bad quarter hour every few hours, at a time that differs per provider.
        // string.GetHashCode differs per process; a fixed hash keeps a seed's run repeatable.
        var phase = provider.Aggregate(17u, (hash, c) => (hash * 31) + c) % 240;
        var minuteOfCycle = ((long)at.ToUnixTimeSeconds() / 60 + phase) % 240;
        var errorRate = minuteOfCycle < 15 ? 0.35 : 0.015;
        if (_random.NextDouble() >= errorRate)
        {
            return null;
        }

        return minuteOfCycle < 15
            ? (_random.NextDouble() < 0.6 ? ErrorTypes.RateLimit : ErrorTypes.ServerError)
            : Pick([ErrorTypes.Timeout, ErrorTypes.RateLimit, ErrorTypes.InvalidRequest, ErrorTypes.ServerError, ErrorTypes.ContentFilter], _ => 1);
    }

    private double LogNormal(double median, double sigma)
    {
        // Box-Muller: a standard normal from two uniforms.
        var normal = Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
        return median * Math.Exp(sigma * normal);
    }

    private T Pick<T>(IReadOnlyList<T> items, Func<T, double> weight)
    {
        var total = items.Sum(weight);
        var roll = _random.NextDouble() * total;
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0)
            {
                return item;
            }
        }

        return items[^1];
    }
}
