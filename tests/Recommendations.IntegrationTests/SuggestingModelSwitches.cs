using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>Generated traffic with a known answer, through the real per-request log and the service's API.</summary>
public sealed class SuggestingModelSwitches(RecommendationsHost host) : IClassFixture<RecommendationsHost>
{
    private static readonly CostCalculator Prices = new(ModelCatalog.LoadDefault());

    private static List<UsageIngested> Calls(string feature, string provider, string model, int count, long input, long output,
        IReadOnlyList<string>? capabilities = null, DateTimeOffset? from = null) =>
    [
        .. Enumerable.Range(0, count).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"{feature}-{Guid.NewGuid():N}", OccurredAt = (from ?? DateTimeOffset.UtcNow.AddDays(-3)).AddMinutes(i),
            Provider = provider, Model = model, Feature = feature,
            InputTokens = input + i % 7, OutputTokens = output + i % 3, LatencyMs = 800, Outcome = Outcomes.Succeeded,
            ServiceTier = ServiceTiers.Standard, Capabilities = capabilities, Streaming = true,
        })),
    ];

    private static decimal PriceOf(IEnumerable<UsageIngested> calls, string provider, string model, DateTimeOffset at) =>
        calls.Sum(c =>
        {
            var result = Prices.Price(new PricingRequest
            {
                Provider = provider, Model = model, OccurredAt = at, ServiceTier = c.Usage.ServiceTier,
                InputTokens = c.Usage.InputTokens, OutputTokens = c.Usage.OutputTokens,
            });
            Assert.True(result.IsPriced, result.UnpricedReason);
            return result.Cost.Total;
        });

    private static HttpRequestMessage WithKey(HttpRequestMessage request, string key)
    {
        // Overrides the client's admin key for this request; an empty key sends none.
        request.Headers.Authorization = key.Length == 0 ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        request.Options.Set(new HttpRequestOptionsKey<bool>("explicit-key"), true);
        return request;
    }

    private static IEnumerable<JsonElement> For(JsonElement list, string feature, string kind) =>
        list.EnumerateArray().Where(r => r.GetProperty("suggestion").GetProperty("feature").GetString() == feature
            && r.GetProperty("suggestion").GetProperty("kind").GetString() == kind);

    [Fact]
    public async Task ExpensiveModelForShortPrompts_IsOfferedCheaperModels_SavingTheRepricedDifferenceToTheCent()
    {
        // Given a month's window with an expensive model answering short prompts
        var calls = Calls("tagging", "openai", "gpt-4o", 60, input: 400, output: 30);
        await host.FeedAsync(calls);

        // When recommendations are computed
        var list = await host.RecomputeAsync();

        // Then there are model switches, and each one's monthly saving is the per-call re-priced difference, scaled from the days observed
        var switches = For(list, "tagging", "model_switch").ToList();
        Assert.NotEmpty(switches);
        var now = DateTimeOffset.UtcNow;
        foreach (var recommendation in switches)
        {
            var suggestion = recommendation.GetProperty("suggestion");
            var candidate = suggestion.GetProperty("candidateModel").GetString()!;
            var expected = PriceOf(calls, "openai", "gpt-4o", now) - PriceOf(calls, suggestion.GetProperty("candidateProvider").GetString()!, candidate, now);
            Assert.Equal(Math.Round(Monthly.Of(expected, suggestion), 2), Math.Round(suggestion.GetProperty("monthlySavingUsd").GetDecimal(), 2));
            Assert.True(expected > 0);
            Assert.Equal("suggested", recommendation.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(suggestion.GetProperty("qualityImpact").GetString()));
            Assert.False(string.IsNullOrEmpty(suggestion.GetProperty("qualitySource").GetString()));
            Assert.InRange(suggestion.GetProperty("confidence").GetDouble(), 0, 1);
        }

        // And the list is ranked by saving
        var savings = list.EnumerateArray().Select(r => r.GetProperty("suggestion").GetProperty("monthlySavingUsd").GetDecimal()).ToList();
        Assert.Equal(savings.OrderDescending(), savings);
    }

    [Fact]
    public async Task LongPrompts_AreNeverOfferedASmallerContextWindow()
    {
        // Given a feature whose p99 prompt is 150,000 tokens
        var calls = Calls("contracts", "anthropic", "claude-3-5-sonnet-20241022", 40, input: 150_000, output: 500);
        await host.FeedAsync(calls);

        var list = await host.RecomputeAsync();

        // Then every candidate offered holds such a prompt
        var catalog = ModelCatalog.LoadDefault();
        foreach (var recommendation in For(list, "contracts", "model_switch"))
        {
            var candidate = recommendation.GetProperty("suggestion").GetProperty("candidateModel").GetString()!;
            Assert.True(catalog.Find(candidate)!.MaxInputTokens >= 150_000 + 39 % 7, $"{candidate} has a smaller context window");
        }

        // And models with a smaller window exist among the cheaper ones, so the rule did rule some out
        Assert.Contains(ModelProfiles.LoadDefault(DateTimeOffset.UtcNow).All, p => p.ContextWindow < 150_000);
    }

    [Fact]
    public async Task VisionTraffic_IsNeverOfferedATextOnlyModel()
    {
        // Given a feature whose calls send images
        var calls = Calls("receipts", "openai", "gpt-4o", 40, input: 1_200, output: 80, capabilities: [CallCapabilities.Vision]);
        await host.FeedAsync(calls);

        var list = await host.RecomputeAsync();

        // Then it gets switches, and every candidate accepts images
        var switches = For(list, "receipts", "model_switch").ToList();
        Assert.NotEmpty(switches);
        var catalog = ModelCatalog.LoadDefault();
        Assert.All(switches, r => Assert.True(
            catalog.Find(r.GetProperty("suggestion").GetProperty("candidateModel").GetString()!)!.Capabilities.HasFlag(ModelCapabilities.Vision)));
        // And text-only models that would be cheaper are among the candidates a text feature would get
        Assert.Contains(ModelProfiles.LoadDefault(DateTimeOffset.UtcNow).All, p => !p.Capabilities.HasFlag(ModelCapabilities.Vision));
    }

    [Fact]
    public async Task FewerThanTenRequests_YieldNothing()
    {
        await host.FeedAsync(Calls("rare-feature", "openai", "gpt-4o", 9, input: 400, output: 30));

        var list = await host.RecomputeAsync();

        Assert.DoesNotContain(list.EnumerateArray(), r => r.GetProperty("suggestion").GetProperty("feature").GetString() == "rare-feature");
    }

    [Fact]
    public async Task AcceptedAdvice_RecordsTheRealisedSaving_FromCostPerCallBeforeAndAfter()
    {
        // Given advice for a feature, accepted
        var before = Calls("faq", "openai", "gpt-4o", 30, input: 600, output: 40, from: DateTimeOffset.UtcNow.AddDays(-2));
        await host.FeedAsync(before);
        var advice = For(await host.RecomputeAsync(), "faq", "model_switch").First();
        var id = advice.GetProperty("id").GetString()!;
        DateTimeOffset acceptedAt;
        using (var accepted = await host.Http.PostAsync($"/v1/recommendations/{id}/accept", null))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
            acceptedAt = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acceptance").GetProperty("at").GetDateTimeOffset();
        }

        // When the feature's traffic then runs on the cheaper model (calls a millisecond apart, all after the acceptance and before now)
        var after = Calls("faq", "openai", "gpt-4o-mini", 20, input: 600, output: 40)
            .Select((c, i) => c with { Usage = c.Usage with { OccurredAt = acceptedAt.AddMilliseconds(1 + i) } })
            .Select(c => c with { Cost = TestUsage.CostOf(c.Usage, 0.06m) }).ToList();
        await host.FeedAsync(after);
        await Eventually.UntilAsync(() => DateTimeOffset.UtcNow > acceptedAt.AddMilliseconds(25), TimeSpan.FromSeconds(5), "the calls should be in the past");
        await host.RecomputeAsync();

        // Then the realised saving is (cost per call before − after) × calls after, from the costs the calls were billed
        var state = await host.Http.GetFromJsonAsync<JsonElement>($"/v1/recommendations/{id}");
        Assert.Equal("realised", state.GetProperty("status").GetString());
        var beforePerCall = before.Average(c => c.Cost.TotalUsd);
        var afterPerCall = after.Average(c => c.Cost.TotalUsd);
        var realised = state.GetProperty("realised");
        Assert.Equal(20, realised.GetProperty("requestsAfter").GetInt64());
        Assert.Equal(Math.Round((beforePerCall - afterPerCall) * 20, 4), Math.Round(realised.GetProperty("realisedSavingUsd").GetDecimal(), 4));
        var summary = await host.Http.GetFromJsonAsync<JsonElement>("/v1/recommendations/summary");
        Assert.True(summary.GetProperty("realisedSavingsUsd").GetDecimal() > 0);
    }

    [Fact]
    public async Task LifecycleSteps_AreCheckedAndNeedAnAdminKey()
    {
        await host.FeedAsync(Calls("drafts", "openai", "gpt-4o", 30, input: 500, output: 60));
        var id = For(await host.RecomputeAsync(), "drafts", "model_switch").First().GetProperty("id").GetString()!;

        // A read key may list but not decide
        var readKey = await host.AggregationHttp.CreateApiKeyAsync(host.AdminKey, Role.Read);
        using (var listed = await host.Http.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/v1/recommendations"), readKey)))
        {
            Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        }

        using (var refused = await host.Http.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Post, $"/v1/recommendations/{id}/dismiss")
               {
                   Content = JsonContent.Create(new { reason = "no" }),
               }, readKey)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var anonymous = await host.Http.SendAsync(WithKey(new HttpRequestMessage(HttpMethod.Get, "/v1/recommendations"), "")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        // An admin dismisses it once; a second dismissal conflicts; an unknown id is not found
        using (var dismissed = await host.Http.PostAsJsonAsync($"/v1/recommendations/{id}/dismiss", new { reason = "we need this model" }))
        {
            Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);
        }

        using (var again = await host.Http.PostAsJsonAsync($"/v1/recommendations/{id}/dismiss", new { reason = "again" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        using (var missing = await host.Http.PostAsync("/v1/recommendations/rec-0000000000000000/accept", null))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        // And the list filters by status
        var dismissedList = await host.Http.GetFromJsonAsync<JsonElement>("/v1/recommendations?status=dismissed");
        Assert.Contains(dismissedList.EnumerateArray(), r => r.GetProperty("id").GetString() == id);
        using var badKind = await host.Http.GetAsync("/v1/recommendations?kind=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
    }
}
