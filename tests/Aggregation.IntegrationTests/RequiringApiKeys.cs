using System.Net;
using System.Net.Http.Json;
using TokenOptimizer.Access;
using TokenOptimizer.ReadModels;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// Aggregation's one rule: an unscoped read key reads, the admin key also changes things, no key gets nothing but health.
/// </summary>
public sealed class RequiringApiKeys(AggregationHost host) : IClassFixture<AggregationHost>
{
    private static BudgetTerms Terms(string team) => new()
    {
        Name = "Keys", ScopeKind = BudgetScopes.Team, ScopeValue = team, AmountUsd = 10m, Period = BudgetPeriods.Month,
    };

    [Fact]
    public async Task DefiningABudget_WithAReadKey_Gets403_AndDefinesNothing()
    {
        using var reader = host.Client(await host.CreateKeyAsync(Role.Read));
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];

        var response = await reader.PostAsJsonAsync("/v1/budgets", Terms(team));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var budgets = await host.Http.GetFromJsonAsync<List<BudgetStatus>>("/v1/budgets");
        Assert.DoesNotContain(budgets!, b => b.Terms.ScopeValue == team);
    }

    [Fact]
    public async Task DefiningABudget_WithTheAdminKey_Gets201()
    {
        using var admin = host.Client(host.AdminKey);

        var response = await admin.PostAsJsonAsync("/v1/budgets", Terms("team-" + Guid.NewGuid().ToString("N")[..8]));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("PUT", "/v1/budgets/any")]
    [InlineData("DELETE", "/v1/budgets/any")]
    [InlineData("POST", "/v1/projections/usage_rollups/rebuild")]
    [InlineData("PUT", "/v1/slos/targets")]
    public async Task Changes_WithAReadKey_Get403(string method, string path)
    {
        using var reader = host.Client(await host.CreateKeyAsync(Role.Read));

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) };

        var response = await reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/v1/budgets")]
    [InlineData("/v1/projections")]
    [InlineData("/v1/latency")]
    [InlineData("/v1/providers/health")]
    [InlineData("/v1/providers/incidents")]
    [InlineData("/v1/slos")]
    [InlineData("/v1/anomalies")]
    public async Task Reads_WithAReadKey_Get200(string path)
    {
        using var reader = host.Client(await host.CreateKeyAsync(Role.Read));

        var response = await reader.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/v1/budgets")]
    [InlineData("POST", "/v1/budgets")]
    [InlineData("GET", "/v1/slos")]
    [InlineData("GET", "/v1/admin/api-keys")]
    public async Task NoKey_Gets401(string method, string path)
    {
        using var anonymous = host.Client(key: null);

        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task ATeamScopedReadKey_Gets403_ForNothingHereIsFilteredByTeam()
    {
        using var teamReader = host.Client(await host.CreateKeyAsync(Role.Read, team: "support"));

        var response = await teamReader.GetAsync("/v1/budgets");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnIngestKey_ReadsNothing()
    {
        using var producer = host.Client(await host.CreateKeyAsync(Role.Ingest));

        var response = await producer.GetAsync("/v1/budgets");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/alive")]
    public async Task HealthEndpoints_StayOpen(string path)
    {
        using var anonymous = host.Client(key: null);

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
