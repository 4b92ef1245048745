using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary>
/// <c>POST /v1/admin/catalog/imports</c> on Query, as <c>tokenopt prices import</c> sends it: relayed to Ingestion for
/// admin keys; the imported prices then show in <c>models</c>, with their history.
/// </summary>
public sealed class ImportingCatalogsThroughQuery(QueryHost host) : IClassFixture<QueryHost>
{
    private const string ImportsPath = "/v1/admin/catalog/imports";
    private const string Model = "house-import-1";

    // $3/M in, $15/M out, as LiteLLM writes rates: USD per token.
    private const string File = """{"house-import-1": {"litellm_provider": "house", "mode": "chat", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05}}""";

    [Fact]
    public async Task AdminImport_PricesTheModelsRecordedCalls_AndModelsShowTheImportedVersion()
    {
        // Given unpriced calls of a model the shipped catalog lacks, i × 1,000 tokens in and 500 out
        var now = DateTimeOffset.UtcNow;
        var calls = TestUsage.Generate(6, seed: 81)
            .Select((r, i) => TestUsage.Ingested(Plain(r.Usage, now.AddMinutes(-30 + i), inputTokens: (i + 1) * 1_000), priced: false))
            .ToList();
        await host.FeedAsync(calls);
        // Each costs i × 1,000 × $0.000003 + 500 × $0.000015 = i × $0.003 + $0.0075; for i = 1…6: 21 × 0.003 + 6 × 0.0075 = $0.108
        const decimal Expected = 0.108m;

        // When an admin imports a file pricing it from two days ago
        using var response = await PostAsync(host.AdminKey, new { content = File, fileName = "prices.json", effectiveFrom = now.AddDays(-2) });

        // Then Ingestion's answer comes back as it is
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal([Model], body.GetProperty("newModels").EnumerateArray().Select(m => m.GetString()));
        var repricing = body.GetProperty("repricing");
        Assert.Equal(calls.Count, repricing.GetProperty("previouslyUnpriced").GetInt32());
        Assert.Equal(Expected, repricing.GetProperty("costAfterUsd").GetDecimal());

        // And models show the imported price in force, and its history
        var version = $"{body.GetProperty("importVersion").GetString()}:{Model}";
        JsonElement catalog = default;
        await Eventually.UntilAsync(async () =>
        {
            var models = (await host.DataAsync(host.AdminKey,
                "query { models(provider: \"house\") { model catalog { priceVersion priceSource inputPerMillionTokensUsd priceHistory { priceVersion source outputPerMillionTokensUsd } } } }"))
                .GetProperty("models").EnumerateArray();
            var model = models.FirstOrDefault(m => m.GetProperty("model").GetString() == Model);
            return model.ValueKind == JsonValueKind.Object && (catalog = model.GetProperty("catalog")).ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(60), "the model should be listed with its catalog entry");
        Assert.Equal((version, "litellm", 3m), (catalog.GetProperty("priceVersion").GetString(), catalog.GetProperty("priceSource").GetString(), Money(catalog.GetProperty("inputPerMillionTokensUsd"))));
        var history = Assert.Single(catalog.GetProperty("priceHistory").EnumerateArray());
        Assert.Equal((version, "litellm", 15m), (history.GetProperty("priceVersion").GetString(), history.GetProperty("source").GetString(), Money(history.GetProperty("outputPerMillionTokensUsd"))));
    }

    [Fact]
    public async Task BadFile_IsRefusedWithIngestionsProblem_NamingTheModelAndField()
    {
        using var response = await PostAsync(host.AdminKey, new { content = """{"gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": "free"}}""" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["content.gpt-4o.input_cost_per_token"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task ReadKey_IsRefused()
    {
        using var response = await PostAsync(await host.CreateKeyAsync(Role.Read), new { content = File, dryRun = true });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);

    // A plain call: no cache, reasoning or special tier, so its cost is input and output at the two rates.
    private static UsageRecorded Plain(UsageRecorded usage, DateTimeOffset at, long inputTokens) => usage with
    {
        Provider = "house", Model = Model, OccurredAt = at, InputTokens = inputTokens, OutputTokens = 500, CachedInputTokens = 0, CacheWriteTokens = 0,
        ReasoningTokens = 0, ServiceTier = null, Outcome = Outcomes.Succeeded, ErrorType = null, ErrorCode = null, ErrorMessage = null,
        ReportedCostUsd = null, BilledAmountUsd = null,
    };

    private Task<HttpResponseMessage> PostAsync(string key, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, ImportsPath) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return host.Http.SendAsync(request);
    }
}
