using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Xunit;

namespace TokenOptimizer.Aggregation.IntegrationTests;

/// <summary>
/// Aggregation's inputs (budget terms, SLO targets, query parameters) are refused with a 400 problem naming the field,
/// whatever a careless or hostile client sends: never a 500.
/// </summary>
public sealed class RefusingHostileInput(AggregationHost host) : IClassFixture<AggregationHost>
{
    [Fact]
    public async Task BudgetWithBadTerms_Gets400NamingEachField()
    {
        var response = await host.Http.PostAsJsonAsync("/v1/budgets", new { scopeKind = "team", amountUsd = -5, period = "month", resetDay = 31, webhookUrl = "ftp://x" });

        Assert.Equal(["amountUsd", "name", "resetDay", "scopeValue", "webhookUrl"], await FieldsAsync(response));
    }

    [Fact]
    public async Task BudgetNameWithANul_Gets400NamingIt()
    {
        var response = await host.Http.PostAsJsonAsync("/v1/budgets", new { name = "ops\0", scopeKind = "organization", amountUsd = 5, period = "day" });

        Assert.Equal(["name"], await FieldsAsync(response));
    }

    [Theory]
    [InlineData("{\"name\": ")]
    [InlineData("{\"name\": \"x\", \"scopeKind\": \"organization\", \"amountUsd\": \"lots\", \"period\": \"day\"}")]
    public async Task BudgetBodyThatCannotBeRead_Gets400Problem(string json)
    {
        var response = await host.Http.PostAsync("/v1/budgets", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ChangingAnUnknownBudget_Gets404Problem()
    {
        var response = await host.Http.PutAsJsonAsync("/v1/budgets/nope", new { name = "x", scopeKind = "organization", amountUsd = 5, period = "day" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/v1/anomalies?to=0001-01-01T00:00:00Z", "to")]
    [InlineData("/v1/latency?from=9999-12-31T00:00:00Z", "from")]
    public async Task PeriodBeyondAnyUsage_Gets400NamingIt(string path, string field) =>
        Assert.Equal([field], await FieldsAsync(await host.Http.GetAsync(path)));

    [Fact]
    public async Task NulInALookedUpValue_Gets400_NotA500()
    {
        var response = await host.Http.GetAsync("/v1/latency?provider=open%00ai");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<IReadOnlyList<string>> FieldsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal)];
    }
}
