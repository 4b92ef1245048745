using Npgsql;
using TokenOptimizer.Aggregation.RetainingUsage;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>The caller rollups of versions before the API key was kept gain the key column in place, at every start alike.</summary>
public sealed class UpgradingCallerRollups : IAsyncLifetime
{
    private static readonly string[] Tables = [UserRollupTable.Name, RetiredTables.Of(UserRollupTable.Name)];

    private readonly PostgresDatabaseFixture _database = new();

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task RollupsWithoutTheKey_GainItInTheirPrimaryKey_AndOldRowsCountAsNoKey()
    {
        // Given both caller rollups as earlier versions made them, keyed without the API key, with a row each
        foreach (var table in Tables)
        {
            await ExecuteAsync($"""
                CREATE TABLE {table} (
                    day date NOT NULL, user_id text NOT NULL, provider text NOT NULL, model text NOT NULL, feature text NOT NULL,
                    team text NOT NULL, environment text NOT NULL, outcome text NOT NULL,
                    request_count bigint NOT NULL DEFAULT 0, cost_total_usd numeric NOT NULL DEFAULT 0,
                    PRIMARY KEY (day, user_id, provider, model, feature, team, environment, outcome));
                INSERT INTO {table} (day, user_id, provider, model, feature, team, environment, outcome, request_count, cost_total_usd)
                VALUES ('2026-11-20', 'alice', 'openai', 'gpt-4o', 'chat', 'growth', 'production', 'succeeded', 3, 0.0225);
                """);
        }

        // When the upgrades run, as at every start
        await ExecuteAsync(ReadModelUpgrades.Ddl);
        await ExecuteAsync(ReadModelUpgrades.Ddl);

        // Then the old row has no key, and the same day, user and dimensions through a key is a row of its own
        foreach (var table in Tables)
        {
            await ExecuteAsync($"""
                INSERT INTO {table} (day, user_id, api_key_id, provider, model, feature, team, environment, outcome, request_count, cost_total_usd)
                VALUES ('2026-11-20', 'alice', 'key-a', 'openai', 'gpt-4o', 'chat', 'growth', 'production', 'succeeded', 1, 0.0075);
                """);
            Assert.Equal("|3|0.0225,key-a|1|0.0075", await ScalarAsync<string>(
                $"SELECT string_agg(api_key_id || '|' || request_count || '|' || cost_total_usd, ',' ORDER BY api_key_id) FROM {table}"));
            Assert.Equal(string.Join(",", UserRollupTable.KeyColumns.Select(c => c.Name)), await ScalarAsync<string>($"""
                SELECT string_agg(a.attname, ',' ORDER BY k.ordinality) FROM pg_index i
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = '{table}'::regclass AND i.indisprimary
                """));
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
