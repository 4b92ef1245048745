using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>The dashboard's way in: GraphQL on the Query service, which reads the list and sends decisions to Recommendations.</summary>
public sealed class ThroughTheQueryApi(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    private const string List = "{ recommendations(kind: \"model_switch\") { id rank kind status feature model candidateModel monthlySavingUsd qualityImpact confidenceLabel evidence { name value } } }";

    [Fact]
    public async Task Recommendations_AreListedRanked_AcceptedByAdminsOnly_AndTotalledInTheOverview()
    {
        // Given advice computed from an expensive model on short prompts
        await host.FeedAsync(Enumerable.Range(0, 40).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"labels-{i}", OccurredAt = DateTimeOffset.UtcNow.AddHours(-5).AddMinutes(i), Provider = "openai", Model = "gpt-4o",
            Feature = "labels", InputTokens = 300, OutputTokens = 20, LatencyMs = 500, Outcome = Outcomes.Succeeded,
        })));
        var computed = await host.RecomputeAsync();
        var readKey = await host.AggregationHttp.CreateApiKeyAsync(host.AdminKey, Role.Read);

        // When a read key lists them through GraphQL, once the list has caught up
        JsonElement listed = default;
        await Eventually.UntilAsync(async () =>
        {
            listed = (await host.GraphQLAsync(readKey, List)).GetProperty("data").GetProperty("recommendations");
            return listed.GetArrayLength() == computed.EnumerateArray().Count(r => r.GetProperty("suggestion").GetProperty("kind").GetString() == "model_switch");
        }, TimeSpan.FromSeconds(30), "the list read model should hold the computed advice");

        // Then they come ranked by saving, with their evidence
        Assert.True(listed.GetArrayLength() > 0);
        Assert.Equal(Enumerable.Range(1, listed.GetArrayLength()), listed.EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));
        Assert.All(listed.EnumerateArray(), r => Assert.Contains(r.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("name").GetString() == "current_cost_usd"));
        var id = listed[0].GetProperty("id").GetString();

        // And the optional narrative comes from the configured LLM endpoint
        var narrative = (await host.GraphQLAsync(readKey, "{ recommendationsNarrative }")).GetProperty("data").GetProperty("recommendationsNarrative");
        Assert.Equal("answer from gpt-4o-mini", narrative.GetString());

        // And a read key's accept is refused with nothing written, an admin's goes through
        const string Accept = "mutation($id: ID!) { acceptRecommendation(id: $id) { id status acceptedAt } }";
        var refused = await host.GraphQLAsync(readKey, Accept, new { id });
        Assert.Equal("FORBIDDEN", refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal("suggested", (await host.Http.GetFromJsonAsync<JsonElement>($"/v1/recommendations/{id}")).GetProperty("status").GetString());
        var accepted = (await host.GraphQLAsync(host.AdminKey, Accept, new { id })).GetProperty("data").GetProperty("acceptRecommendation");
        Assert.Equal("accepted", accepted.GetProperty("status").GetString());

        // And the overview's optimisation potential is what the service totals
        JsonElement summary = default;
        JsonElement overview = default;
        await Eventually.UntilAsync(async () =>
        {
            summary = await host.Http.GetFromJsonAsync<JsonElement>("/v1/recommendations/summary");
            overview = (await host.GraphQLAsync(readKey, "{ overview { optimisationPotentialUsd documentedSavingsUsd } }")).GetProperty("data").GetProperty("overview");
            // The Decimal scalar travels as a string, so no digit is lost to a float.
            return overview.GetProperty("optimisationPotentialUsd").ValueKind == JsonValueKind.String
                && decimal.Parse(overview.GetProperty("optimisationPotentialUsd").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                    == summary.GetProperty("optimisationPotentialUsd").GetDecimal();
        }, TimeSpan.FromSeconds(30), "the overview should show the service's optimisation potential");
        Assert.True(summary.GetProperty("optimisationPotentialUsd").GetDecimal() > 0, $"{summary} / {overview}");
    }

    [Fact]
    public async Task TeamScopedKeys_SeeNoAdvice()
    {
        var teamKey = await host.AggregationHttp.CreateApiKeyAsync(host.AdminKey, Role.Read, team: "payments");

        var answer = await host.GraphQLAsync(teamKey, List);
        var overview = (await host.GraphQLAsync(teamKey, "{ overview { optimisationPotentialUsd } }")).GetProperty("data").GetProperty("overview");

        Assert.Equal("FORBIDDEN", answer.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Null, overview.GetProperty("optimisationPotentialUsd").ValueKind);
    }
}
