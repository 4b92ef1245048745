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
        await ExecuteAsync(UsageRollupTables.Ddl + ProviderHealthTables.Ddl + BudgetSpendTables.Ddl + AnomaliesTable.Ddl + RequestLogTable.Ddl + UserRollupTable.Ddl);
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

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _database.DisposeAsync();
    }
}
