using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>
/// The list the Recommendations service keeps is read by other services through <see cref="RecommendationListReader"/>:
/// every field of the owner's state reads back through it, tested and accepted advice included.
/// </summary>
public sealed class ReadingTheListElsewhere(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    [Fact]
    public async Task TheOwnersState_ReadsBackWholeThroughTheListReader()
    {
        // Given advice for a feature, one piece of it tested against the stub and another accepted
        await host.FeedAsync(Enumerable.Range(0, 30).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"reading-{i}", OccurredAt = DateTimeOffset.UtcNow.AddHours(-6).AddMinutes(i), Provider = "openai", Model = "gpt-4o",
            Feature = "reading", InputTokens = 400, OutputTokens = 30, LatencyMs = 700, Outcome = Outcomes.Succeeded,
        })));
        var switches = (await host.RecomputeAsync()).EnumerateArray()
            .Where(r => r.GetProperty("suggestion").GetProperty("feature").GetString() == "reading"
                && r.GetProperty("suggestion").GetProperty("kind").GetString() == "model_switch")
            .Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.True(switches.Count >= 2, "the feature should get at least two model switches");
        using (var tested = await host.Http.PostAsJsonAsync($"/v1/recommendations/{switches[0]}/tests", new { prompts = new[] { "one", "two" } }))
        {
            Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        }

        using (var accepted = await host.Http.PostAsync(new Uri($"/v1/recommendations/{switches[1]}/accept", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        // When the list is read through the reader, as Query reads it
        var listed = await new RecommendationListReader(host.RecommendationsData).ListAsync(null, null, "reading", null, DatabaseTurns.None, CancellationToken.None);

        // Then each recommendation holds what the owner says it holds
        var owned = await host.Http.GetFromJsonAsync<JsonElement>("/v1/recommendations");
        foreach (var id in switches.Take(2))
        {
            var state = owned.EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);
            AssertSame(state, listed.Single(r => r.Id == id));
        }
    }

    private static void AssertSame(JsonElement state, ListedRecommendation read)
    {
        var suggestion = state.GetProperty("suggestion");
        Assert.Equal(state.GetProperty("status").GetString(), read.Status);
        Assert.Equal(state.GetProperty("suggestedAt").GetDateTimeOffset(), read.SuggestedAt);
        Assert.Equal(state.GetProperty("updatedAt").GetDateTimeOffset(), read.UpdatedAt);
        Assert.Equal(
            (suggestion.GetProperty("kind").GetString(), suggestion.GetProperty("feature").GetString(), suggestion.GetProperty("provider").GetString(),
                suggestion.GetProperty("model").GetString(), suggestion.GetProperty("candidateProvider").GetString(), suggestion.GetProperty("candidateModel").GetString(),
                suggestion.GetProperty("change").GetString(), suggestion.GetProperty("qualityImpact").GetString(), suggestion.GetProperty("confidenceLabel").GetString()),
            (read.Suggestion.Kind, read.Suggestion.Feature, read.Suggestion.Provider, read.Suggestion.Model, read.Suggestion.CandidateProvider,
                read.Suggestion.CandidateModel, read.Suggestion.Change, read.Suggestion.QualityImpact, read.Suggestion.ConfidenceLabel));
        Assert.Equal(
            (suggestion.GetProperty("monthlySavingUsd").GetDecimal(), suggestion.GetProperty("savingPercent").GetDecimal(), suggestion.GetProperty("confidence").GetDouble()),
            (read.Suggestion.MonthlySavingUsd, read.Suggestion.SavingPercent, read.Suggestion.Confidence));
        Assert.Equal(suggestion.GetProperty("qualityDelta").ValueKind == JsonValueKind.Number ? suggestion.GetProperty("qualityDelta").GetDouble() : null, read.Suggestion.QualityDelta);
        Assert.Equal(suggestion.GetProperty("evidence").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal()), read.Suggestion.Evidence);
        Assert.Equal(state.TryGetProperty("acceptance", out var acceptance) && acceptance.ValueKind == JsonValueKind.Object
            ? acceptance.GetProperty("at").GetDateTimeOffset() : null, read.Acceptance?.At);
        if (state.TryGetProperty("lastTest", out var test) && test.ValueKind == JsonValueKind.Object)
        {
            var summary = test.GetProperty("result").GetProperty("summary");
            Assert.Equal((test.GetProperty("testId").GetString(), test.GetProperty("at").GetDateTimeOffset()), (read.LastTest!.TestId, read.LastTest.At));
            Assert.Equal(test.GetProperty("result").GetProperty("prompts").GetArrayLength(), read.LastTest.Result.Prompts.Count);
            Assert.Equal(summary.GetProperty("meanAgreement").GetDouble(), read.LastTest.Result.Summary.MeanAgreement);
            foreach (var (name, side) in new[] { ("current", read.LastTest.Result.Summary.Current), ("candidate", read.LastTest.Result.Summary.Candidate) })
            {
                var expected = summary.GetProperty(name);
                Assert.Equal(
                    (expected.GetProperty("model").GetProperty("provider").GetString(), expected.GetProperty("model").GetProperty("model").GetString(),
                        expected.GetProperty("succeeded").GetInt32(), expected.GetProperty("failed").GetInt32(), expected.GetProperty("averageLatencyMs").GetDouble(),
                        expected.GetProperty("inputTokens").GetInt64(), expected.GetProperty("outputTokens").GetInt64(), expected.GetProperty("totalCostUsd").GetDecimal()),
                    (side.Model.Provider, side.Model.Model, side.Succeeded, side.Failed, side.AverageLatencyMs, side.InputTokens, side.OutputTokens, side.TotalCostUsd));
            }
        }
        else
        {
            Assert.Null(read.LastTest);
        }
    }
}
