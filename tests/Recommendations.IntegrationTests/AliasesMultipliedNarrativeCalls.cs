using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>
/// Regression (issue 15): each alias of <c>recommendationsNarrative</c> in one GraphQL request made its own call to
/// the LLM, which is paid for per call. Aliases in a request now share one narrative.
/// </summary>
public sealed class AliasesMultipliedNarrativeCalls(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    [Fact]
    public async Task TwentyAliasesOfTheNarrative_MakeOneLlmCall()
    {
        // Given advice to narrate, computed from an expensive model on short prompts
        await host.FeedAsync(Enumerable.Range(0, 40).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"aliases-{i}", OccurredAt = DateTimeOffset.UtcNow.AddHours(-5).AddMinutes(i), Provider = "openai", Model = "gpt-4o",
            Feature = "labels", InputTokens = 300, OutputTokens = 20, LatencyMs = 500, Outcome = Outcomes.Succeeded,
        })));
        await host.RecomputeAsync();
        var readKey = await host.AggregationHttp.CreateApiKeyAsync(host.AdminKey, Role.Read);
        await Eventually.UntilAsync(
            async () => (await host.GraphQLAsync(readKey, "{ recommendationsNarrative }")).GetProperty("data").GetProperty("recommendationsNarrative").ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(30), "the narrative should have advice to tell");
        var callsBefore = host.Llm.Requests.Count;

        // When one request asks for it under twenty aliases
        var aliases = string.Join(" ", Enumerable.Range(0, 20).Select(i => $"n{i}: recommendationsNarrative"));
        var data = (await host.GraphQLAsync(readKey, "{ " + aliases + " }")).GetProperty("data");

        // Then all twenty carry the one narrative the LLM wrote once
        Assert.Equal(20, data.EnumerateObject().Count());
        Assert.All(data.EnumerateObject(), alias => Assert.Equal("answer from gpt-4o-mini", alias.Value.GetString()));
        Assert.Equal(callsBefore + 1, host.Llm.Requests.Count);
    }
}
