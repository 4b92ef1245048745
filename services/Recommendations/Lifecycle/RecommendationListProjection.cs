using System.Text.Json;
using Npgsql;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Recommendations.Lifecycle;

/// <summary>Keeps <see cref="RecommendationListTable"/>: each event folds into its recommendation's stored state.</summary>
public sealed class RecommendationListProjection(EventLog log) : IProjection
{
    public const string ProjectionName = "recommendation_list";

    public string Name => ProjectionName;

    public async Task ApplyAsync(IReadOnlyList<StoredEvent> events, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, Recommendation?>();
        foreach (var stored in events)
        {
            if (!stored.StreamId.StartsWith("recommendation-", StringComparison.Ordinal) || stored.Data is null)
            {
                continue;
            }

            if (!states.TryGetValue(stored.StreamId, out var state))
            {
                state = await LoadAsync(stored.StreamId["recommendation-".Length..], connection, transaction, cancellationToken);
            }

            states[stored.StreamId] = Recommendation.Evolve(state, stored.Data);
        }

        foreach (var state in states.Values.OfType<Recommendation>())
        {
            await using var upsert = new NpgsqlCommand($"""
                INSERT INTO {RecommendationListTable.Name} (id, kind, feature, status, monthly_saving_usd, realised_saving_usd, snoozed_until, updated_at, detail)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, feature = excluded.feature, status = excluded.status,
                    monthly_saving_usd = excluded.monthly_saving_usd, realised_saving_usd = excluded.realised_saving_usd,
                    snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at, detail = excluded.detail
                """, connection, transaction);
            upsert.Parameters.Add(new NpgsqlParameter { Value = state.Id });
            upsert.Parameters.Add(new NpgsqlParameter { Value = state.Suggestion.Kind });
            upsert.Parameters.Add(new NpgsqlParameter { Value = state.Suggestion.Feature });
            upsert.Parameters.Add(new NpgsqlParameter { Value = state.Status });
            upsert.Parameters.Add(new NpgsqlParameter { Value = state.Suggestion.MonthlySavingUsd });
            upsert.Parameters.Add(new NpgsqlParameter<decimal?> { TypedValue = state.Realised?.RealisedSavingUsd });
            upsert.Parameters.Add(new NpgsqlParameter<DateTime?> { TypedValue = state.SnoozedUntil?.UtcDateTime });
            upsert.Parameters.Add(new NpgsqlParameter { Value = state.UpdatedAt.UtcDateTime });
            upsert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(state, log.Types.SerializerOptions) });
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"TRUNCATE {RecommendationListTable.Name}", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Recommendation?> LoadAsync(string id, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT detail::text FROM {RecommendationListTable.Name} WHERE id = $1", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string json
            ? JsonSerializer.Deserialize<Recommendation>(json, log.Types.SerializerOptions)
            : null;
    }
}
