using Xunit;

namespace TokenOptimizer.ReadModels.IntegrationTests;

/// <summary><see cref="AnomalyReader"/>: a range's anomalies, latest first, narrowed to providers or to providers' error rates.</summary>
public sealed class ListingAnomalies(ReadModelTables tables) : IClassFixture<ReadModelTables>, IAsyncLifetime
{
    private static readonly DateTimeOffset Hour = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private AnomalyReader Reader => new(tables.DataSource);

    public async Task InitializeAsync()
    {
        await tables.ExecuteAsync($"TRUNCATE {AnomaliesTable.Name}");
        foreach (var (scope, hoursAgo, metric) in new[]
        {
            ("global", 1, "cost_usd"), ("provider:openai", 1, "error_rate"), ("provider:openai", 2, "cost_usd"),
            ("provider:anthropic", 3, "error_rate"), ("global", 30, "error_rate"),
        })
        {
            await tables.ExecuteAsync($"INSERT INTO {AnomaliesTable.Name} VALUES ($1, $2, $3, 10, 2, 0.5, 9.4, 14)", scope, Hour.AddHours(-hoursAgo).UtcDateTime, metric);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<IReadOnlyList<Anomaly>> BetweenAsync(IReadOnlyList<string>? providers, bool errorRatesOnly, int? limit) =>
        Reader.BetweenAsync(Hour.AddDays(-1), Hour, providers, errorRatesOnly, limit, DatabaseTurns.None, CancellationToken.None);

    [Fact]
    public async Task WithoutALimit_EveryAnomalyOfTheRangeIsListed_LatestFirst()
    {
        var all = await BetweenAsync(null, errorRatesOnly: false, limit: null);

        Assert.Equal(
            [("global", null, 1), ("provider:openai", "openai", 1), ("provider:openai", "openai", 2), ("provider:anthropic", "anthropic", 3)],
            all.Select(a => (a.Scope, a.Provider, (int)(Hour - a.Hour).TotalHours)));
        Assert.Equal(9.4, all[0].Score);
    }

    [Fact]
    public async Task ProvidersAndErrorRatesOnly_NarrowTheList_AndALimitCutsIt()
    {
        var openai = await BetweenAsync(["openai"], errorRatesOnly: false, limit: null);
        var errorRates = await BetweenAsync(null, errorRatesOnly: true, limit: null);
        var latest = await BetweenAsync(null, errorRatesOnly: false, limit: 1);

        Assert.Equal(["cost_usd", "error_rate"], openai.Select(a => a.Metric).Order());
        Assert.All(openai, a => Assert.Equal("openai", a.Provider));
        Assert.Equal(["openai", "anthropic"], errorRates.Select(a => a.Provider));
        Assert.Equal("global", Assert.Single(latest).Scope);
    }
}
