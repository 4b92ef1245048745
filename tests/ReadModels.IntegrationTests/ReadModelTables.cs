using System.Text.Json;
using Npgsql;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.ReadModels.IntegrationTests;

/// <summary>
/// A test class's database holding the read models' tables, created from their definitions in libs/ReadModels, and
/// rows written into them as their owners write them.
/// </summary>
public sealed class ReadModelTables : IAsyncLifetime
{
    private readonly PostgresDatabaseFixture _database = new();

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        DataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        await ExecuteAsync(UsageRollupTables.Ddl + ProviderHealthTables.Ddl + GrainStateTable.Ddl + AnomaliesTable.Ddl + RequestLogTable.Ddl + UserRollupTable.Ddl);
    }

    /// <summary>Runs <paramref name="sql"/> with positional parameters.</summary>
    public async Task ExecuteAsync(string sql, params object?[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes a grain's state as Aggregation's grain storage does: JSON, one row per state name and key.</summary>
    public Task WriteGrainStateAsync<T>(string stateName, string key, T state) => ExecuteAsync(
        $"INSERT INTO {GrainStateTable.Name} (state_name, grain_id, grain_key, etag, state, written_at) VALUES ($1, $2, $3, 0, $4::jsonb, now())",
        stateName, $"{stateName}/{key}", key, JsonSerializer.Serialize(state, GrainStateTable.Json));

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
