using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;

namespace TokenOptimizer.Bench.Failover;

/// <summary>
/// Append → visible in Query, one record at a time beside the load: each probe record (a team of its own) is posted,
/// and timed from Ingestion's 202 (its append committed) until Query's <c>overview</c> counts it; the next follows
/// 100 ms later. Around a failover this is how long a dashboard waits for new usage.
/// </summary>
internal sealed class VisibilityProbe
{
    private const string Team = "failover-probe";
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(2);

    private readonly List<UsageRecorded> _sent = [];
    private readonly List<(TimeSpan CommittedAt, double Milliseconds)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task _probing = Task.CompletedTask;

    /// <summary>Each probe: when (on the run's clock) its append committed, and how many ms later Query showed it.</summary>
    public IReadOnlyList<(TimeSpan CommittedAt, double Milliseconds)> Samples => _samples;

    public static VisibilityProbe Start(UsageOverHttp producer, HttpClient query, string readKey, Stopwatch clock)
    {
        var probe = new VisibilityProbe();
        probe._probing = Task.Run(() => probe.ProbeAsync(producer, query, readKey, clock));
        return probe;
    }

    /// <summary>Stops after the probe in progress is seen; returns the records sent.</summary>
    [SuppressMessage("Usage", "VSTHRD003:Avoid awaiting foreign Tasks", Justification = "Started by Task.Run, outside any synchronization context.")]
    public async Task<IReadOnlyList<UsageRecorded>> StopAsync()
    {
        await _stop.CancelAsync();
        await _probing;
        return _sent;
    }

    private async Task ProbeAsync(UsageOverHttp producer, HttpClient query, string readKey, Stopwatch clock)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        while (!_stop.IsCancellationRequested)
        {
            var record = new UsageRecorded
            {
                RequestId = $"probe-{run}-{_sent.Count}", OccurredAt = DateTimeOffset.UtcNow, Provider = "openai", Model = "gpt-4o-mini", Team = Team,
                InputTokens = 1_000, OutputTokens = 100, LatencyMs = 500, Outcome = Outcomes.Succeeded,
            };
            await producer.SendAsync([record], CancellationToken.None);
            var committedAt = clock.Elapsed;
            _sent.Add(record);
            var seen = Stopwatch.StartNew();
            while (await CountedAsync(query, readKey) < _sent.Count && seen.Elapsed < GiveUp)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5));
            }

            _samples.Add((committedAt, seen.Elapsed.TotalMilliseconds));
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private static async Task<long> CountedAsync(HttpClient query, string readKey)
    {
        var (status, body) = await query.GraphQLAsync(readKey, $$"""{ overview(filter: {range: LAST_HOUR, teams: ["{{Team}}"]}) { requests } }""");
        return status == 200 && !body.TryGetProperty("errors", out _) ? body.GetProperty("data").GetProperty("overview").GetProperty("requests").GetInt64() : -1;
    }
}
