using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>slos</c>, <c>sloTargets</c> and <c>setSloTargets</c>: organisation-wide, and targets only admins may set.</summary>
public sealed class SettingSloTargetsThroughQuery(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Provider = "slo-provider";

    private const string SlosQuery = "{ slos { scope provider requests objectives { name target current status errorBudgetRemaining } } }";

    private const string TargetsQuery = "{ sloTargets { source setAt global { availability latencyP95Ms errorRate } providers { provider availability latencyP95Ms errorRate } } }";

    private static string? ErrorCode(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) ? errors[0].GetProperty("extensions").GetProperty("code").GetString() : null;

    private static Dictionary<string, JsonElement> Objectives(JsonElement slos, string scope) =>
        slos.GetProperty("slos").EnumerateArray().Single(r => r.GetProperty("scope").GetString() == scope)
            .GetProperty("objectives").EnumerateArray().ToDictionary(o => o.GetProperty("name").GetString()!);

    private async Task<long> StoredSettingsAsync()
    {
        await using var command = host.DataSource.CreateCommand($"SELECT count(*) FROM {EventStoreTables.Events} WHERE type = 'slo_targets_set'");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Admin_SetsTargets_AndTheSlosAreJudgedByThem()
    {
        // Given calls to a provider this hour, one in ten failed by the provider
        var now = DateTimeOffset.UtcNow;
        var calls = TestUsage.Generate(50, seed: 61).Select((r, i) => TestUsage.Ingested(r.Usage with
        {
            Provider = Provider, OccurredAt = now.AddSeconds(-50 + i), Outcome = i % 10 == 0 ? Outcomes.Failed : Outcomes.Succeeded,
            ErrorType = i % 10 == 0 ? ErrorTypes.ServerError : null, ErrorCode = null, ErrorMessage = null,
        })).ToList();
        await host.FeedAsync(calls);

        // When an admin sets global targets and the provider's latency target
        var set = await host.DataAsync(host.AdminKey, """
            mutation($g: SloTargetsInput, $p: [ProviderSloTargetsInput!]) { setSloTargets(global: $g, providers: $p) {
              source global { availability latencyP95Ms errorRate } providers { provider availability latencyP95Ms errorRate } } }
            """, new { g = new { availability = 0.8, errorRate = 0.3 }, p = new[] { new { provider = Provider, latencyP95Ms = 1234.0 } } });

        // Then they are in force, the configured latency target kept where none was given
        var settings = set.GetProperty("setSloTargets");
        Assert.Equal("stored", settings.GetProperty("source").GetString());
        Assert.Equal(0.8, settings.GetProperty("global").GetProperty("availability").GetDouble());
        Assert.Equal(10_000, settings.GetProperty("global").GetProperty("latencyP95Ms").GetDouble());
        var own = settings.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == Provider);
        Assert.Equal((0.8, 1234.0, 0.3), (own.GetProperty("availability").GetDouble(), own.GetProperty("latencyP95Ms").GetDouble(), own.GetProperty("errorRate").GetDouble()));

        // And the SLO reports judge by them, on the calls fed
        var slos = await host.DataAsync(host.AdminKey, SlosQuery);
        var global = Objectives(slos, "global");
        Assert.Equal((0.8, 0.3, 10_000.0), (global["availability"].GetProperty("target").GetDouble(), global["error_rate"].GetProperty("target").GetDouble(),
            global["latency_p95_ms"].GetProperty("target").GetDouble()));
        var report = slos.GetProperty("slos").EnumerateArray().Single(r => r.GetProperty("scope").GetString() == Provider);
        Assert.Equal(Provider, report.GetProperty("provider").GetString());
        Assert.Equal(calls.Count, report.GetProperty("requests").GetInt64());
        var provider = Objectives(slos, Provider);
        Assert.Equal(1234.0, provider["latency_p95_ms"].GetProperty("target").GetDouble());
        Assert.Equal(0.8, provider["availability"].GetProperty("target").GetDouble());
        var failed = calls.Count(c => c.Usage.Outcome == Outcomes.Failed);
        Assert.Equal(Math.Round(1 - (double)failed / calls.Count, 5), provider["availability"].GetProperty("current").GetDouble());
        Assert.Equal(Math.Round((double)failed / calls.Count, 5), provider["error_rate"].GetProperty("current").GetDouble());
        Assert.Equal("compliant", provider["availability"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReadKey_CannotSetTargets_AndNothingChanges()
    {
        var read = await host.CreateKeyAsync(Role.Read);
        var before = (await host.DataAsync(host.AdminKey, TargetsQuery)).GetRawText();
        var stored = await StoredSettingsAsync();

        var (status, body) = await host.GraphQLAsync(read, "mutation { setSloTargets(global: {availability: 0.5}) { source } }");

        Assert.Equal(200, status);
        Assert.Equal("FORBIDDEN", ErrorCode(body));
        Assert.Equal(stored, await StoredSettingsAsync());
        Assert.Equal(before, (await host.DataAsync(host.AdminKey, TargetsQuery)).GetRawText());
    }

    [Fact]
    public async Task InvalidTarget_IsRefusedNamingTheField_AndNothingIsStored()
    {
        var stored = await StoredSettingsAsync();

        var (_, body) = await host.GraphQLAsync(host.AdminKey, "mutation { setSloTargets(providers: [{provider: \"x\", errorRate: 1.5}]) { source } }");

        Assert.Equal("BAD_USER_INPUT", ErrorCode(body));
        Assert.Contains("providers.x.errorRate", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(stored, await StoredSettingsAsync());
    }

    [Fact]
    public async Task TeamScopedKey_IsRefusedTheOrganisationsSlos()
    {
        var key = await host.CreateKeyAsync(Role.Read, "some-team");

        foreach (var query in new[] { SlosQuery, TargetsQuery })
        {
            var (status, body) = await host.GraphQLAsync(key, query);
            Assert.Equal(200, status);
            Assert.Equal("FORBIDDEN", ErrorCode(body));
        }
    }
}
