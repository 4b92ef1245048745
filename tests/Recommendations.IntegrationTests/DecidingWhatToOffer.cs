using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>The organisation's allowed models, a healthier provider for the same model, and a one-click test against a stub LLM.</summary>
public sealed class DecidingWhatToOffer(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    private static List<UsageIngested> Calls(string feature, string provider, string model, int count, Func<int, bool>? fails = null) =>
    [
        .. Enumerable.Range(0, count).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"{feature}-{provider}-{i}-{Guid.NewGuid():N}", OccurredAt = DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(i),
            Provider = provider, Model = model, Feature = feature, InputTokens = 500, OutputTokens = 50, LatencyMs = 600, Streaming = true,
            Outcome = fails?.Invoke(i) == true ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = fails?.Invoke(i) == true ? ErrorTypes.ServerError : null,
        })),
    ];

    private static List<JsonElement> Of(JsonElement list, string feature, string kind) =>
        [.. list.EnumerateArray().Select(r => r.GetProperty("suggestion"))
            .Where(s => s.GetProperty("feature").GetString() == feature && s.GetProperty("kind").GetString() == kind)];

    [Fact]
    public async Task ADisallowedModel_IsNeverOffered()
    {
        // Given a feature that gets model switches
        await host.FeedAsync(Calls("titles", "openai", "gpt-4o", 30));
        var offered = Of(await host.RecomputeAsync(), "titles", "model_switch").Select(s => s.GetProperty("candidateModel").GetString()!).ToList();
        Assert.NotEmpty(offered);

        // When an admin disallows the models offered
        foreach (var model in offered)
        {
            using var set = await host.Http.PutAsJsonAsync("/v1/models/allowance", new { model, allowed = false });
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        // Then none of them is offered again, and the advice that named them is withdrawn
        var list = await host.RecomputeAsync();
        Assert.DoesNotContain(list.EnumerateArray(), r => r.GetProperty("status").GetString() != "withdrawn"
            && r.GetProperty("suggestion").GetProperty("feature").GetString() == "titles"
            && offered.Contains(r.GetProperty("suggestion").GetProperty("candidateModel").GetString() ?? ""));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("status").GetString() == "withdrawn"
            && offered.Contains(r.GetProperty("suggestion").GetProperty("candidateModel").GetString()!));
        using var missing = await host.Http.PutAsJsonAsync("/v1/models/allowance", new { model = "gpt-4o" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task AFailingProvider_IsAdvisedToMoveTheSameModelWhereItFailsLess()
    {
        // Given gpt-4o failing 30% of calls at openai and none at azure
        await host.FeedAsync(Calls("support", "openai", "gpt-4o", 40, fails: i => i % 10 < 3));
        await host.FeedAsync(Calls("support", "azure", "gpt-4o", 40));

        var switches = Of(await host.RecomputeAsync(), "support", "provider_switch");

        var toAzure = Assert.Single(switches, s => s.GetProperty("provider").GetString() == "openai" && s.GetProperty("candidateProvider").GetString() == "azure");
        Assert.Equal(0.3m, toAzure.GetProperty("evidence").GetProperty("current_error_rate").GetDecimal());
        Assert.Equal(0m, toAzure.GetProperty("evidence").GetProperty("candidate_error_rate").GetDecimal());
        Assert.DoesNotContain(switches, s => s.GetProperty("provider").GetString() == "azure" && s.GetProperty("candidateProvider").GetString() == "openai");
    }

    [Fact]
    public async Task AModelTest_RecordsBothModelsFiguresAgainstTheEndpoint_AndSurvivesAFailingCandidate()
    {
        // Given a model switch between two openai models, served by the stub: the candidate errors on one prompt
        await host.FeedAsync(Calls("headlines", "openai", "gpt-4o", 30));
        var advice = Of(await host.RecomputeAsync(), "headlines", "model_switch").First();
        var candidate = advice.GetProperty("candidateModel").GetString()!;
        var candidateApiModel = TokenOptimizer.Catalog.ModelProfiles.LoadDefault(DateTimeOffset.UtcNow).Find(candidate)!.Model;
        host.Llm.Respond = (model, prompt) => model == candidateApiModel && prompt == "second"
            ? StubReply.Error(500)
            : StubReply.Text($"a short headline about {prompt}", promptTokens: 12, completionTokens: 6);
        var id = (await host.Http.GetFromJsonAsync<JsonElement>("/v1/recommendations?kind=model_switch")).EnumerateArray()
            .First(r => r.GetProperty("suggestion").GetProperty("candidateModel").GetString() == candidate
                && r.GetProperty("suggestion").GetProperty("feature").GetString() == "headlines").GetProperty("id").GetString();

        // When an admin runs a test with three prompts
        using var response = await host.Http.PostAsJsonAsync($"/v1/recommendations/{id}/tests", new { prompts = new[] { "first", "second", "third" } });

        // Then both sides' calls are recorded, the failure counted, and the prompts kept nowhere
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var state = JsonDocument.Parse(text).RootElement;
        Assert.Equal("tested", state.GetProperty("status").GetString());
        var summary = state.GetProperty("lastTest").GetProperty("result").GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("current").GetProperty("succeeded").GetInt32());
        Assert.Equal(2, summary.GetProperty("candidate").GetProperty("succeeded").GetInt32());
        Assert.Equal(1, summary.GetProperty("candidate").GetProperty("failed").GetInt32());
        Assert.Equal(1.0, summary.GetProperty("meanAgreement").GetDouble());
        Assert.Equal(36, summary.GetProperty("current").GetProperty("inputTokens").GetInt64());
        Assert.DoesNotContain("headline about", text);
        await using var stored = host.RecommendationsData.CreateCommand($"SELECT string_agg(data::text, '') FROM {EventStoreTables.EventsIn(RecommendationListTable.Schema)}");
        Assert.DoesNotContain("headline about", (string)(await stored.ExecuteScalarAsync())!);
        Assert.DoesNotContain("\"second\"", (string)(await stored.ExecuteScalarAsync())!);
    }
}
