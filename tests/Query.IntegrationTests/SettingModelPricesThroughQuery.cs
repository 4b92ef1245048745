using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Access;
using TokenOptimizer.Contracts;
using TokenOptimizer.Query.Upstreams;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>setModelPrice</c>: admins price a model the catalog lacks; its recorded and later calls get priced.</summary>
public sealed class SettingModelPricesThroughQuery(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Provider = "house";
    private const decimal InputRate = 3m;
    private const decimal OutputRate = 15m;

    private const string SetPrice = """
        mutation($price: ModelPriceInput!) { setModelPrice(price: $price) {
          priceVersion catalogKey dryRun priceRecorded recordsTouched previouslyUnpriced costBeforeUsd costAfterUsd differenceUsd unchanged applied skipped } }
        """;

    private static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);

    // Plain calls (no cache, reasoning, long prompt or special tier), so their cost is input and output at the two rates.
    private static UsageRecorded Plain(UsageRecorded usage, string model, DateTimeOffset at) => usage with
    {
        Provider = Provider, Model = model, OccurredAt = at, InputTokens = Math.Min(usage.InputTokens, 100_000), CachedInputTokens = 0, CacheWriteTokens = 0,
        ReasoningTokens = 0, ServiceTier = null, Outcome = Outcomes.Succeeded, ErrorType = null, ErrorCode = null, ErrorMessage = null,
        ReportedCostUsd = null, BilledAmountUsd = null,
    };

    private static decimal CostOf(UsageRecorded usage) => (usage.InputTokens * InputRate + usage.OutputTokens * OutputRate) / 1_000_000m;

    private static object Price(string model, bool dryRun) => new
    {
        price = new
        {
            provider = Provider, model, effectiveFrom = DateTimeOffset.UtcNow.AddDays(-2),
            inputPerMillionTokens = InputRate.ToString(CultureInfo.InvariantCulture), outputPerMillionTokens = OutputRate.ToString(CultureInfo.InvariantCulture), dryRun,
        },
    };

    private async Task<JsonElement> OverviewAsync(string model) =>
        (await host.DataAsync(host.AdminKey, "query($m: [String!]) { overview(filter: {models: $m}) { requests unpricedRequests totalCostUsd } }", new { m = new[] { model } }))
            .GetProperty("overview");

    private async Task<long> PricesSetForAsync(string model)
    {
        await using var command = host.DataSource.CreateCommand($"SELECT count(*) FROM {EventStoreTables.Events} WHERE type = 'model_price_set' AND data->>'model' = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = model });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AdminPrice_ForAnUnknownModel_PricesItsRecordedCalls_AndTheCallsAfter()
    {
        // Given unpriced calls of a model the catalog does not know
        const string Model = "house-model-1";
        var now = DateTimeOffset.UtcNow;
        var calls = TestUsage.Generate(30, seed: 71).Select((r, i) => TestUsage.Ingested(Plain(r.Usage, Model, now.AddMinutes(-60 + i)), priced: false)).ToList();
        await host.FeedAsync(calls);
        Assert.Equal(calls.Count, (await OverviewAsync(Model)).GetProperty("unpricedRequests").GetInt64());
        var expected = calls.Sum(c => CostOf(c.Usage));

        // When an admin tries the price first, the answer says what it would change, and nothing is recorded
        var dry = (await host.DataAsync(host.AdminKey, SetPrice, Price(Model, dryRun: true))).GetProperty("setModelPrice");
        Assert.Equal((true, false, calls.Count, calls.Count, 0), (dry.GetProperty("dryRun").GetBoolean(), dry.GetProperty("priceRecorded").GetBoolean(),
            dry.GetProperty("recordsTouched").GetInt32(), dry.GetProperty("previouslyUnpriced").GetInt32(), dry.GetProperty("applied").GetInt32()));
        Assert.Equal(expected, Money(dry.GetProperty("costAfterUsd")));
        Assert.Equal(0, await PricesSetForAsync(Model));

        // And then sets it
        var set = (await host.DataAsync(host.AdminKey, SetPrice, Price(Model, dryRun: false))).GetProperty("setModelPrice");
        Assert.Equal((false, true, calls.Count, calls.Count), (set.GetProperty("dryRun").GetBoolean(), set.GetProperty("priceRecorded").GetBoolean(),
            set.GetProperty("recordsTouched").GetInt32(), set.GetProperty("applied").GetInt32()));
        Assert.Equal(expected, Money(set.GetProperty("differenceUsd")));
        Assert.Equal(1, await PricesSetForAsync(Model));

        // And a call recorded afterwards through Ingestion is priced with it too
        var later = Plain(TestUsage.Generate(1, seed: 72)[0].Usage, Model, DateTimeOffset.UtcNow.AddMinutes(-1));
        using var ingestion = host.Factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(UpstreamClient.Ingestion);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/usage") { Content = JsonContent.Create(later, options: JsonSerializerOptions.Web) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await host.CreateKeyAsync(Role.Ingest));
        using (var response = await ingestion.SendAsync(request))
        {
            Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        }

        JsonElement overview = default;
        await Eventually.UntilAsync(async () => (overview = await OverviewAsync(Model)).GetProperty("requests").GetInt64() == calls.Count + 1
                && overview.GetProperty("unpricedRequests").GetInt64() == 0,
            TimeSpan.FromSeconds(60), "the re-priced and the later calls should all be priced");
        Assert.Equal(expected + CostOf(later), Money(overview.GetProperty("totalCostUsd")));

        // And the model's catalog entry shows the price
        JsonElement catalog = default;
        await Eventually.UntilAsync(async () =>
        {
            var models = (await host.DataAsync(host.AdminKey, "query($p: String) { models(provider: $p) { model catalog { priceVersion inputPerMillionTokensUsd outputPerMillionTokensUsd } } }",
                new { p = Provider })).GetProperty("models").EnumerateArray();
            var model = models.FirstOrDefault(m => m.GetProperty("model").GetString() == Model);
            return model.ValueKind == JsonValueKind.Object && (catalog = model.GetProperty("catalog")).ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(60), "the model should be listed with its catalog entry");
        Assert.Equal(set.GetProperty("priceVersion").GetString(), catalog.GetProperty("priceVersion").GetString());
        Assert.Equal((InputRate, OutputRate), (Money(catalog.GetProperty("inputPerMillionTokensUsd")), Money(catalog.GetProperty("outputPerMillionTokensUsd"))));
    }

    [Fact]
    public async Task AdminPrice_ForAModelTheCatalogPrices_IsThePriceModelsShow_MarkedAsCustom()
    {
        // Given calls to gpt-4o-mini (shipped at $0.15/$0.60 per million) and an administrator's $3/$15 in force for it
        const string Model = "gpt-4o-mini";
        var now = DateTimeOffset.UtcNow;
        await host.FeedAsync(TestUsage.Generate(5, seed: 73).Select((r, i) => TestUsage.Ingested(Plain(r.Usage, Model, now.AddMinutes(-30 + i)) with { Provider = "openai" })));
        var price = new
        {
            price = new
            {
                provider = "openai", model = Model, effectiveFrom = now.AddDays(-2), dryRun = false,
                inputPerMillionTokens = InputRate.ToString(CultureInfo.InvariantCulture), outputPerMillionTokens = OutputRate.ToString(CultureInfo.InvariantCulture),
            },
        };
        var set = (await host.DataAsync(host.AdminKey, SetPrice, price)).GetProperty("setModelPrice");

        // When models are asked for
        JsonElement catalog = default;
        await Eventually.UntilAsync(async () =>
        {
            var models = (await host.DataAsync(host.AdminKey, "query { models(provider: \"openai\") { model catalog { catalogKey priceVersion priceSource inputPerMillionTokensUsd outputPerMillionTokensUsd } } }"))
                .GetProperty("models").EnumerateArray();
            var model = models.FirstOrDefault(m => m.GetProperty("model").GetString() == Model);
            return model.ValueKind == JsonValueKind.Object && (catalog = model.GetProperty("catalog")).ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(60), "the model should be listed with its catalog entry");

        // Then its entry shows the administrator's price, not the shipped one, and says so
        Assert.Equal((Model, set.GetProperty("priceVersion").GetString(), "custom"),
            (catalog.GetProperty("catalogKey").GetString(), catalog.GetProperty("priceVersion").GetString(), catalog.GetProperty("priceSource").GetString()));
        Assert.Equal((InputRate, OutputRate), (Money(catalog.GetProperty("inputPerMillionTokensUsd")), Money(catalog.GetProperty("outputPerMillionTokensUsd"))));
    }

    [Fact]
    public async Task ReadKey_CannotSetAPrice_AndNoPriceIsSet()
    {
        const string Model = "house-model-2";
        var read = await host.CreateKeyAsync(Role.Read);

        var (status, body) = await host.GraphQLAsync(read, SetPrice, Price(Model, dryRun: false));

        Assert.Equal(200, status);
        Assert.Equal("FORBIDDEN", body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
        Assert.Equal(0, await PricesSetForAsync(Model));
    }
}
