using System.Text.Json;
using Npgsql;

namespace TokenOptimizer.ReadModels;

/// <summary>
/// <c>grain_state</c>: the live per-key state Aggregation's grains persist (its PostgreSQL grain storage writes it on
/// change and on deactivation), one row per state name and grain (<c>grain_key</c>: its key, a provider or a budget id),
/// the state as JSON. Two read models live here, each with its one reader: <see cref="ProviderHealthState"/> (read by
/// <see cref="ProviderHealthReader"/>) and <see cref="BudgetState"/> (read by <see cref="BudgetStatusReader"/>). A reader
/// reads the persisted row rather than asking the grain: a grain writes its state before its feed call returns, so the
/// row is as current as the grain for everything the daemon committed, a read never activates a grain, and Query and
/// Recommendations need PostgreSQL only, never the Orleans cluster.
/// </summary>
public static class GrainStateTable
{
    public const string Name = "grain_state";

    /// <summary>How states are written to and read from the <c>state</c> column.</summary>
    public static JsonSerializerOptions Json { get; } = JsonSerializerOptions.Web;

    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS {Name} (
            state_name text        NOT NULL,
            grain_id   text        NOT NULL,
            grain_key  text        NOT NULL,
            etag       bigint      NOT NULL,
            state      jsonb       NOT NULL,
            written_at timestamptz NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        );
        CREATE INDEX IF NOT EXISTS grain_state_key ON {Name} (state_name, grain_key);
        """;

    /// <summary>Every persisted state named <paramref name="stateName"/>, or only <paramref name="key"/>'s when given.</summary>
    internal static async Task<List<T>> ReadAsync<T>(NpgsqlDataSource dataSource, string stateName, string? key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT state::text FROM {Name} WHERE state_name = $1 AND ($2::text IS NULL OR grain_key = $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = key });
        var states = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), Json)!);
        }

        return states;
    }
}
