using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace TokenOptimizer.ReadModels.IntegrationTests;

/// <summary>
/// <see cref="ProviderHealthReader"/> attaches each provider's incidents of the last 30 days to its health (Query and
/// Aggregation's endpoint read them together), and lists the latest incidents of every provider.
/// </summary>
public sealed class ReadingProviderIncidents(ReadModelTables tables) : IClassFixture<ReadModelTables>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private ProviderHealthReader Reader
    {
        get
        {
            var clock = new FakeTimeProvider(Now);
            return new ProviderHealthReader(tables.DataSource, new UsageRollupReader(tables.DataSource, clock, Options.Create(new RollupRetentionOptions())),
                Options.Create(new ProviderUptimeOptions()), clock);
        }
    }

    // A provider's state as its grain persists it: its circuit (changed an hour ago) and the incidents it keeps.
    private Task SaveAsync(string provider, string circuitState, params (DateTimeOffset Started, TimeSpan Lasted)[] incidents) =>
        tables.WriteGrainStateAsync(ProviderHealthState.StateName, provider, new ProviderHealthState
        {
            Provider = provider,
            Circuit = CircuitState.Initial(provider) with { State = circuitState, ChangedAt = Now.AddHours(-1), Watermark = Now.AddMinutes(-1) },
            Incidents = [.. incidents.Select(i => new ProviderIncident(provider, i.Started, i.Started + i.Lasted, 0.75))],
        });

    [Fact]
    public async Task EachProvider_CarriesTheIncidentsThatEndedInTheLast30Days_LatestFirst()
    {
        // Given two providers' circuits and incidents, one of them over before the 30 days
        await SaveAsync("flaky", "closed",
            (Now.AddDays(-40), TimeSpan.FromMinutes(5)), (Now.AddDays(-29.5), TimeSpan.FromMinutes(30)), (Now.AddDays(-2), TimeSpan.FromMinutes(10)));
        await SaveAsync("steady", "half_open", (Now.AddHours(-3), TimeSpan.FromMinutes(1)));

        // When health is read, and the latest two incidents of all
        var providers = (await Reader.AllAsync(5, DatabaseTurns.None, CancellationToken.None)).Where(p => p.Provider is "flaky" or "steady").ToList();
        var latest = await Reader.IncidentsAsync(null, 2, CancellationToken.None);

        // Then each provider has its own recent incidents, and the list is every provider's, latest start first
        Assert.Equal(["flaky", "steady"], providers.Select(p => p.Provider));
        Assert.Equal([Now.AddDays(-2), Now.AddDays(-29.5)], providers[0].Incidents.Select(i => i.StartedAt));
        Assert.Equal(600, providers[0].Incidents[0].DurationSeconds);
        Assert.Equal([Now.AddHours(-3)], providers[1].Incidents.Select(i => i.StartedAt));
        Assert.Equal("half_open", providers[1].CircuitState);
        Assert.Equal([("steady", Now.AddHours(-3)), ("flaky", Now.AddDays(-2))], latest.Select(i => (i.Provider, i.StartedAt)));
    }

    [Fact]
    public async Task ATeamScopedView_BlanksTheVolumesOnly()
    {
        // Given a provider with calls in the last minutes
        await SaveAsync("busy", "closed");
        await tables.ExecuteAsync(
            $"INSERT INTO {ProviderHealthTables.AvailabilityMinute} VALUES ('busy', 'model-a', $1, 10, 2, 1)", Now.AddMinutes(-2).UtcDateTime);
        var busy = (await Reader.AllAsync(5, DatabaseTurns.None, CancellationToken.None)).Single(p => p.Provider == "busy");

        // When its volumes are blanked
        var blanked = busy.WithoutVolumes();

        // Then rates, uptime, score and status stay, for the provider and its model
        Assert.Equal((2.0, 0.4), (busy.Health.RequestsPerMinute, busy.Health.ErrorsPerMinute));
        Assert.Equal(busy.Health with { RequestsPerMinute = null, ErrorsPerMinute = null }, blanked.Health);
        Assert.Equal(0.2, blanked.Health.ErrorRate);
        var model = Assert.Single(blanked.Models);
        Assert.Equal(("model-a", null, null), (model.Model, model.Health.RequestsPerMinute, model.Health.ErrorsPerMinute));
        Assert.Equal(busy.Models[0].Health.HealthScore, model.Health.HealthScore);
    }
}
