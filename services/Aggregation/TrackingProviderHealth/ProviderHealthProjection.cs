using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Aggregation.RunningProjections;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.TrackingProviderHealth;

/// <summary>
/// Provider health as single-writer state (the role of Orleans grains in the design): the daemon holding
/// this projection's lock evolves each provider's circuit breaker in log order, stores it with the
/// daemon's progress, and puts each transition in the alert outbox in the same transaction — once, even on a rebuild.
/// </summary>
public sealed class ProviderHealthProjection(IOptions<ProviderHealthOptions> options) : ReadModelProjection
{
    public const string ProjectionName = "provider_health";

    public override string Name => ProjectionName;

    public override IReadOnlyCollection<string> EventTypes { get; } = ["usage_ingested", "provider_circuit_cool_down_elapsed"];

    public override async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var providers = events.Select(e => e.Data switch
        {
            UsageIngested ingested => ingested.Usage.Provider,
            CircuitCoolDownElapsed tick => tick.Provider,
            _ => null,
        }).OfType<string>().Distinct().ToArray();
        if (providers.Length == 0)
        {
            return;
        }

        var states = await LoadAsync(providers, connection, transaction, cancellationToken);
        var minutes = new Dictionary<AvailabilityKey, long[]>();
        var changes = new List<CircuitChanged>();
        foreach (var stored in events)
        {
            CircuitChanged? change;
            switch (stored.Data)
            {
                case UsageIngested { Usage: var usage }:
                    var providerFailure = CircuitBreaker.IsProviderFailure(usage.Outcome, usage.ErrorType);
                    (states[usage.Provider], change) = CircuitBreaker.Decide(StateOf(states, usage.Provider), usage.OccurredAt, providerFailure, options.Value);
                    var minute = new DateTime(usage.OccurredAt.UtcTicks - usage.OccurredAt.UtcTicks % TimeSpan.TicksPerMinute, DateTimeKind.Utc);
                    if (!minutes.TryGetValue(new AvailabilityKey(usage.Provider, usage.Model, minute), out var counts))
                    {
                        minutes[new AvailabilityKey(usage.Provider, usage.Model, minute)] = counts = new long[3];
                    }

                    counts[0]++;
                    counts[1] += usage.Outcome == Contracts.Outcomes.Failed ? 1 : 0;
                    counts[2] += providerFailure ? 1 : 0;
                    break;
                case CircuitCoolDownElapsed tick:
                    (states[tick.Provider], change) = CircuitBreaker.CoolDownElapsed(StateOf(states, tick.Provider), tick, options.Value);
                    break;
                default:
                    continue;
            }

            if (change is not null)
            {
                changes.Add(change);
            }
        }

        await SaveAsync(states.Values, connection, transaction, cancellationToken);
        await AddMinutesAsync(minutes, connection, transaction, cancellationToken);
        if (changes.Count > 0)
        {
            await RecordChangesAsync(changes, connection, transaction, cancellationToken);
        }
    }

    public override async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"TRUNCATE {ProviderHealthTables.Circuit}; TRUNCATE {ProviderHealthTables.AvailabilityMinute}; TRUNCATE {ProviderHealthTables.Incidents};", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordChangesAsync(List<CircuitChanged> changes, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // One alert id per transition: a rebuild re-decides the same transitions and publishes none twice.
        await AlertOutbox.AddAsync([.. changes.Select(c => (CircuitChanged.StreamFor(c.Provider, c.Ordinal), AlertPublisher.CircuitChangedType, (object)c))], connection, transaction, cancellationToken);
        foreach (var incident in changes.Select(c => c.EndedIncident).OfType<ProviderIncident>())
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO {ProviderHealthTables.Incidents} VALUES ($1, $2, $3, $4, $5) ON CONFLICT (provider, started_at) DO NOTHING", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter { Value = incident.Provider });
            insert.Parameters.Add(new NpgsqlParameter { Value = incident.StartedAt.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter { Value = incident.EndedAt.UtcDateTime });
            insert.Parameters.Add(new NpgsqlParameter { Value = incident.Duration.TotalSeconds });
            insert.Parameters.Add(new NpgsqlParameter { Value = incident.PeakErrorRate });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static CircuitState StateOf(Dictionary<string, CircuitState> states, string provider) =>
        states.GetValueOrDefault(provider) ?? CircuitState.Initial(provider);

    private static async Task<Dictionary<string, CircuitState>> LoadAsync(string[] providers, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, CircuitState>(StringComparer.Ordinal);
        await using var select = new NpgsqlCommand($"SELECT detail::text FROM {ProviderHealthTables.Circuit} WHERE provider = ANY($1)", connection, transaction);
        select.Parameters.Add(new NpgsqlParameter { Value = providers });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var state = JsonSerializer.Deserialize<CircuitState>(reader.GetString(0), JsonSerializerOptions.Web)!;
            states[state.Provider] = state;
        }

        return states;
    }

    private static async Task SaveAsync(IEnumerable<CircuitState> states, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var list = states.ToList();
        await using var upsert = new NpgsqlCommand($"""
            INSERT INTO {ProviderHealthTables.Circuit} (provider, state, changed_at, detail)
            SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::jsonb[])
            ON CONFLICT (provider) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at, detail = excluded.detail
            """, connection, transaction);
        upsert.Parameters.Add(new NpgsqlParameter { Value = list.Select(s => s.Provider).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = list.Select(s => s.State).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = list.Select(s => s.ChangedAt?.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        upsert.Parameters.Add(new NpgsqlParameter { Value = list.Select(s => JsonSerializer.Serialize(s, JsonSerializerOptions.Web)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await upsert.ExecuteNonQueryAsync(cancellationToken);
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
