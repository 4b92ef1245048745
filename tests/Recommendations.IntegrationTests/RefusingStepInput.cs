using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>
/// A recommendation step's body is checked before anything runs: refused with a 400 problem naming the field, and
/// through GraphQL with <c>BAD_USER_INPUT</c> naming the argument.
/// </summary>
public sealed class RefusingStepInput(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    [Fact]
    public async Task TestWithAnOverflowingTimeout_Gets400NamingIt()
    {
        var response = await host.Http.PostAsJsonAsync("/v1/recommendations/rec-0/tests", new { prompts = new[] { "hi" }, callTimeoutSeconds = 1e300 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["callTimeoutSeconds"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task AllowanceWithoutAModel_Gets400NamingIt()
    {
        var response = await host.Http.PutAsJsonAsync("/v1/models/allowance", new { allowed = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["model"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task SnoozeIntoThePast_ThroughGraphQL_IsRefusedNamingUntil()
    {
        var body = await host.GraphQLAsync(host.AdminKey, "mutation { snoozeRecommendation(id: \"rec-0\", until: \"2001-01-01T00:00:00Z\") { id } }");

        var error = body.GetProperty("errors")[0];
        Assert.Equal("BAD_USER_INPUT", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(["until"], error.GetProperty("extensions").GetProperty("fields").EnumerateObject().Select(f => f.Name));
    }
}
