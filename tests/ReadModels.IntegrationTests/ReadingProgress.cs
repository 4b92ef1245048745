using Npgsql;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.ReadModels.IntegrationTests;

/// <summary>
/// How far the read models have got, as Marten keeps it: Aggregation's composite projection's row in the usage store's
/// progression table, and the head of the Recommendations store (whose list is an inline projection).
/// </summary>
public sealed class ReadingProgress
{
    [Fact]
    public async Task BeforeAnyStoreExists_ThePositionIsZero_AndTheVersionSaysSo()
    {
        await using var database = new OwnDatabase();
        await database.InitializeAsync();
        var progress = new ReadModelProgress(database.DataSource);

        Assert.Equal(0, await progress.PositionAsync(CancellationToken.None));
        Assert.Equal("0;", await progress.VersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TheCompositesProgress_IsThePosition_AndEachStoreMovesTheVersion()
    {
        // Given the usage store with the daemon's rows (the composite's and a part's), and the Recommendations store
        await using var database = new OwnDatabase();
        await database.InitializeAsync();
        using var usage = await EventStoreAccess.OpenAsync(database.ConnectionString);
        using var recommendations = await EventStoreAccess.OpenAsync(database.ConnectionString, o => o.DatabaseSchemaName = RecommendationListTable.Schema);
        await database.ExecuteAsync($"INSERT INTO {EventStoreTables.Progression} (name, last_seq_id) VALUES ('{ReadModelProgress.CompositeShard}', 42), ('UsageLogProjection:All', 41)");
        var progress = new ReadModelProgress(database.DataSource);
        var before = await progress.VersionAsync(CancellationToken.None);

        // When the composite moves on, and the Recommendations store takes an event
        await database.ExecuteAsync($"UPDATE {EventStoreTables.Progression} SET last_seq_id = 57 WHERE name = '{ReadModelProgress.CompositeShard}'");
        await recommendations.AppendAnyAsync("recommendation-1", new ModelPriceSet { PriceVersion = "v", Model = "m", EffectiveFrom = DateTimeOffset.UnixEpoch, Standard = new PerTokenRates(), SetAt = DateTimeOffset.UnixEpoch });

        // Then the position is the composite's, and the version changed with both
        Assert.Equal("42;0", before);
        Assert.Equal(57, await progress.PositionAsync(CancellationToken.None));
        Assert.Equal("57;1", await progress.VersionAsync(CancellationToken.None));
    }

    /// <summary>A database of the test's own: the first test needs one no store was ever created in.</summary>
    private sealed class OwnDatabase : IAsyncDisposable
    {
        private readonly PostgresDatabaseFixture _fixture = new();

        public NpgsqlDataSource DataSource { get; private set; } = null!;

        public string ConnectionString => _fixture.ConnectionString;

        public async Task InitializeAsync()
        {
            await _fixture.InitializeAsync();
            DataSource = NpgsqlDataSource.Create(_fixture.ConnectionString);
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = DataSource.CreateCommand(sql);
            await command.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (DataSource is not null)
            {
                await DataSource.DisposeAsync();
            }

            await _fixture.DisposeAsync();
        }
    }
}
