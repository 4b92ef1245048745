using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Provider health from each page of usage events: calls and failures per provider, model and minute (uptime and
/// rates), written in the page's transaction; and each provider's outcomes handed to its grain, once per page
/// (<see cref="IProviderHealthFeed"/>), which keeps the circuit breaker, its window and incidents.
/// </summary>
public sealed class ProviderHealthProjection(IProviderHealthFeed feed) : IProjection
{
    public const string ProjectionName = "provider_health";

    public string Name => ProjectionName;

    // provider_circuit_cool_down_elapsed: older logs hold the cool-down ticks the grains now make themselves; they are read and passed over.
    public IReadOnlyCollection<string>? EventTypes { get; } = ["usage_ingested", "provider_circuit_cool_down_elapsed"];

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var minutes = new Dictionary<AvailabilityKey, long[]>();
        var outcomes = new Dictionary<string, List<ProviderOutcome>>(StringComparer.Ordinal);
        foreach (var stored in events)
        {
            if (stored.Data is not UsageIngested { Usage: var usage })
            {
                continue;
            }

            var providerFailure = CircuitBreaker.IsProviderFailure(usage.Outcome, usage.ErrorType);
            if (!outcomes.TryGetValue(usage.Provider, out var provider))
            {
                outcomes[usage.Provider] = provider = [];
            }

            provider.Add(new ProviderOutcome(stored.Sequence, usage.OccurredAt, providerFailure));
            var minute = new DateTime(usage.OccurredAt.UtcTicks - usage.OccurredAt.UtcTicks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
            if (!minutes.TryGetValue(new AvailabilityKey(usage.Provider, usage.Model, minute), out var counts))
            {
                minutes[new AvailabilityKey(usage.Provider, usage.Model, minute)] = counts = new long[3];
            }

            counts[0]++;
            counts[1] += usage.Outcome == Contracts.Outcomes.Failed ? 1 : 0;
            counts[2] += providerFailure ? 1 : 0;
        }

        if (minutes.Count > 0)
        {
            await AddMinutesAsync(minutes, connection, transaction, cancellationToken);
            // Before the page commits: if a grain fails, the page is rolled back and fed again, and grains skip what they applied.
            await feed.FeedAsync(outcomes, cancellationToken);
        }
    }

    // The grains keep their state: they skip a rebuild's replayed events, so a rebuild decides no transition twice.
    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {ProviderHealthTables.AvailabilityMinute}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task AddMinutesAsync(Dictionary<AvailabilityKey, long[]> minutes, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var keys = minutes.Keys.ToArray();
        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO {ProviderHealthTables.AvailabilityMinute} AS t (provider, model, minute, request_count, failure_count, provider_failures)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::bigint[])
            ON CONFLICT (provider, model, minute) DO UPDATE SET request_count = t.request_count + excluded.request_count,
                failure_count = t.failure_count + excluded.failure_count, provider_failures = t.provider_failures + excluded.provider_failures
            """, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Provider).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Model).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => k.Minute).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        for (var i = 0; i < 3; i++)
        {
            upsert.Parameters.Add(new NpgsqlParameter { Value = keys.Select(k => minutes[k][i]).ToArray() });
        }

        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }
}
