using System.Text.Json;
using Npgsql;
using TokenOptimizer.Access;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>anomalies</c>: findings in the filter's range, and only providers' error rates for a team-scoped key.</summary>
public sealed class ListingAnomalies(QueryHost host) : IClassFixture<QueryHost>
{
    private const string AnomaliesQuery = "query($f: UsageFilter) { anomalies(filter: $f) { hour scope provider metric observed baselineMedian baselineMad score baselineHours } }";

    private static readonly DateTimeOffset Hour = HoursAgo(2);

    // The findings the detector would have stored (its own tests cover how it finds them): one per kind of scope and metric.
    private static readonly (string Scope, DateTimeOffset Hour, string Metric, double Observed)[] Findings =
    [
        ("global", Hour, "cost_usd", 52.5), ("provider:alpha", Hour, "error_rate", 0.4), ("provider:alpha", Hour.AddHours(-1), "cost_usd", 12.25),
        ("provider:beta", Hour.AddHours(-1), "error_rate", 0.3), ("provider:beta", Hour.AddDays(-3), "error_rate", 0.9),
    ];

    private static DateTimeOffset HoursAgo(int hours)
    {
        var now = DateTimeOffset.UtcNow;
        return new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerHour, TimeSpan.Zero).AddHours(-hours);
    }

    private async Task StoreFindingsAsync()
    {
        foreach (var (scope, hour, metric, observed) in Findings)
        {
            await using var command = host.DataSource.CreateCommand(
                "INSERT INTO usage_anomalies VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING");
            foreach (var value in new object[] { scope, hour.UtcDateTime, metric, observed, observed / 4, observed / 20, 4.5, 7 })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task<List<JsonElement>> AnomaliesAsync(string key, object? filter = null) =>
        (await host.DataAsync(key, AnomaliesQuery, new { f = filter })).GetProperty("anomalies").EnumerateArray().ToList();

    [Fact]
    public async Task Anomalies_OfTheRange_AreListedLatestFirst_AndAScopedKeySeesOnlyProvidersErrorRates()
    {
        await StoreFindingsAsync();
        var key = await host.CreateKeyAsync(Role.Read, "some-team");

        var all = await AnomaliesAsync(host.AdminKey);
        var scoped = await AnomaliesAsync(key);
        var alpha = await AnomaliesAsync(host.AdminKey, new { providers = new[] { "alpha" } });

        var lastDay = Findings.Where(f => f.Hour > DateTimeOffset.UtcNow.AddDays(-1)).OrderByDescending(f => f.Hour).ThenBy(f => f.Scope, StringComparer.Ordinal).ToList();
        Assert.Equal(lastDay.Select(f => (f.Scope, f.Metric, f.Observed)), all.Select(a => (a.GetProperty("scope").GetString()!, a.GetProperty("metric").GetString()!, a.GetProperty("observed").GetDouble())));
        Assert.Equal(Hour, all[0].GetProperty("hour").GetDateTimeOffset());
        Assert.Equal((13.125, 4.5, 7), (all[0].GetProperty("baselineMedian").GetDouble(), all[0].GetProperty("score").GetDouble(), all[0].GetProperty("baselineHours").GetInt32()));
        Assert.Equal(JsonValueKind.Null, all[0].GetProperty("provider").ValueKind);
        Assert.Equal(lastDay.Where(f => f.Scope.StartsWith("provider:", StringComparison.Ordinal) && f.Metric == "error_rate").Select(f => f.Scope),
            scoped.Select(a => a.GetProperty("scope").GetString()));
        Assert.Equal(["alpha", "alpha"], alpha.Select(a => a.GetProperty("provider").GetString()));
    }

    [Fact]
    public async Task FilterOnADimensionAnomaliesDoNotHave_IsRefusedNamingIt()
    {
        var (_, body) = await host.GraphQLAsync(host.AdminKey, AnomaliesQuery, new { f = new { teams = new[] { "a" } } });

        Assert.Equal("BAD_USER_INPUT", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("filter.teams", body.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
