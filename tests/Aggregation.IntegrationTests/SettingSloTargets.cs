using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Aggregation.MeasuringSlos;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary><c>PUT /v1/slos/targets</c>: stored targets override the configured ones; invalid ones are refused by field.</summary>
public sealed class SettingSloTargets(AggregationHost host) : IClassFixture<AggregationHost>
{
    // The defaults: the test host configures no SLO targets.
    private static readonly (double Availability, double LatencyP95Ms, double ErrorRate) Configured =
        (new SloOptions().Global.Availability!.Value, new SloOptions().Global.LatencyP95Ms!.Value, new SloOptions().Global.ErrorRate!.Value);

    private Task<long> StoredSettingsAsync() => host.ScalarAsync<long>("SELECT count(*) FROM event_store.mt_events WHERE type = 'slo_targets_set'");

    private async Task<Dictionary<string, SloObjective>> ObjectivesAsync(string scope)
    {
        var reports = await host.Http.GetFromJsonAsync<List<SloReport>>("/v1/slos");
        return reports!.Single(r => r.Scope == scope).Objectives.ToDictionary(o => o.Name);
    }

    private static (double Availability, double LatencyP95Ms, double ErrorRate) Targets(Dictionary<string, SloObjective> objectives) =>
        (objectives["availability"].Target, objectives["latency_p95_ms"].Target, objectives["error_rate"].Target);

    [Fact]
    public async Task StoredTargets_OverrideTheConfiguredOnes_TheLatestWinning()
    {
        // Given a provider's calls, judged by the configured targets
        var provider = "slo-" + Guid.NewGuid().ToString("N")[..6];
        var now = DateTimeOffset.UtcNow;
        var calls = TestUsage.Generate(20, seed: 81).Select((r, i) => TestUsage.Ingested(r.Usage with { Provider = provider, OccurredAt = now.AddSeconds(-30 + i) }));
        await TestUsage.AppendAsync(host.Store, calls);
        await host.WaitUntilAsync(async () => (await host.Http.GetFromJsonAsync<List<SloReport>>("/v1/slos"))!.Any(r => r.Scope == provider), "the provider's report");
        var stored = await StoredSettingsAsync();
        Assert.Equal(Configured, Targets(await ObjectivesAsync(provider)));

        // When an admin stores a global availability and the provider's latency target
        using var response = await host.Http.PutAsJsonAsync("/v1/slos/targets", new
        {
            global = new { availability = 0.9 },
            providers = new Dictionary<string, object> { [provider] = new { latencyP95Ms = 1234.0 } },
        });

        // Then those win over configuration, and what they leave out stays as configured
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("stored", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("source").GetString());
        Assert.Equal(stored + 1, await StoredSettingsAsync());
        Assert.Equal((0.9, Configured.LatencyP95Ms, Configured.ErrorRate), Targets(await ObjectivesAsync("global")));
        Assert.Equal((0.9, 1234.0, Configured.ErrorRate), Targets(await ObjectivesAsync(provider)));

        // And a later setting replaces it whole
        using var later = await host.Http.PutAsJsonAsync("/v1/slos/targets", new { global = new { errorRate = 0.5 } });
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal((Configured.Availability, Configured.LatencyP95Ms, 0.5), Targets(await ObjectivesAsync(provider)));
        var targets = await host.Http.GetFromJsonAsync<JsonElement>("/v1/slos/targets");
        Assert.Equal(0.5, targets.GetProperty("global").GetProperty("errorRate").GetDouble());
        Assert.Equal(stored + 2, targets.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("""{"global": {"availability": 0}}""", "global.availability")]
    [InlineData("""{"global": {"errorRate": 1.5}}""", "global.errorRate")]
    [InlineData("""{"providers": {"openai": {"latencyP95Ms": -1}}}""", "providers.openai.latencyP95Ms")]
    [InlineData("""{"providers": {"openai": {"availability": 1.01, "errorRate": 0.01}}}""", "providers.openai.availability")]
    [InlineData("{}", "targets")]
    public async Task InvalidTargets_Get400NamingTheField_AndNothingIsStored(string body, string field)
    {
        var stored = await StoredSettingsAsync();

        using var response = await host.Http.PutAsync("/v1/slos/targets", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Equal(stored, await StoredSettingsAsync());
    }
}
