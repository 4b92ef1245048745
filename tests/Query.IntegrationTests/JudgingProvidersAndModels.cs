using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Access;
using TokenOptimizer.Catalog;
using TokenOptimizer.Contracts;
using TokenOptimizer.Query.Upstreams;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Query.IntegrationTests;

/// <summary><c>providers</c> and <c>models</c> show what the Aggregation service judges, beside the catalog's facts.</summary>
public sealed class JudgingProvidersAndModels(QueryHost host) : IClassFixture<QueryHost>
{
    private const string Flaky = "flaky-provider";
    private const string Team = "health-team";

    private const string ProvidersQuery = """
        { providers { provider circuitState circuitChangedAt healthScore status requestsPerMinute errorsPerMinute errorRate
            latency { calls p50Ms p95Ms p99Ms p999Ms } timeToFirstToken { calls p95Ms } uptime24h uptime7d uptime30d
            incidents { startedAt }
            models { provider model healthScore status requestsPerMinute errorsPerMinute errorRate latency { calls p50Ms p95Ms p99Ms p999Ms } uptime24h uptime7d uptime30d } } }
        """;

    // Calls of the last two minutes: every fourth fails with a server error, under the circuit's 50% threshold, so
    // nothing changes state while the test compares.
    private static List<UsageIngested> Calls(string provider, IReadOnlyList<string> models, int count, int seed, int failEvery)
    {
        var now = DateTimeOffset.UtcNow;
        return TestUsage.Generate(count, seed).Select((r, i) => TestUsage.Ingested(r.Usage with
        {
            Provider = provider, Model = models[i % models.Count], Team = Team, OccurredAt = now.AddSeconds(-100 + i),
            Outcome = i % failEvery == 0 ? Outcomes.Failed : Outcomes.Succeeded, ErrorType = i % failEvery == 0 ? ErrorTypes.ServerError : null,
            ErrorCode = null, ErrorMessage = null,
        })).ToList();
    }

    private async Task<JsonElement> AggregationHealthAsync(string provider, int calls)
    {
        using var aggregation = host.Factory.Services.GetRequiredService<IHttpClientFactory>().CreateClient(UpstreamClient.Aggregation);
        aggregation.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", host.AdminKey);
        JsonElement found = default;
        await Eventually.UntilAsync(async () =>
        {
            var all = await aggregation.GetFromJsonAsync<JsonElement>("/v1/providers/health");
            found = all.EnumerateArray().FirstOrDefault(p => p.GetProperty("provider").GetString() == provider);
            return found.ValueKind == JsonValueKind.Object && found.GetProperty("health").GetProperty("requestsPerMinute").GetDouble() * 5 == calls;
        }, TimeSpan.FromSeconds(60), $"the health of {provider} should count the {calls} calls fed");
        return found;
    }

    private async Task<JsonElement> ProviderAsync(string key, string provider)
    {
        JsonElement found = default;
        await Eventually.UntilAsync(async () =>
        {
            var data = await host.DataAsync(key, ProvidersQuery);
            found = data.GetProperty("providers").EnumerateArray().FirstOrDefault(p => p.GetProperty("provider").GetString() == provider);
            return found.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(30), $"{provider} should be listed");
        return found;
    }

    private static void AssertSameFigures(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.GetProperty("healthScore").GetInt32(), actual.GetProperty("healthScore").GetInt32());
        Assert.Equal(expected.GetProperty("status").GetString(), actual.GetProperty("status").GetString());
        Assert.Equal(expected.GetProperty("errorRate").GetDouble(), actual.GetProperty("errorRate").GetDouble());
        foreach (var uptime in new[] { "uptime24h", "uptime7d", "uptime30d" })
        {
            Assert.Equal(expected.GetProperty(uptime).GetDouble(), actual.GetProperty(uptime).GetDouble());
        }

        var latency = expected.GetProperty("latency");
        Assert.Equal(latency.GetProperty("count").GetInt64(), actual.GetProperty("latency").GetProperty("calls").GetInt64());
        foreach (var (from, to) in new[] { ("p50", "p50Ms"), ("p95", "p95Ms"), ("p99", "p99Ms"), ("p999", "p999Ms") })
        {
            Assert.Equal(latency.GetProperty(from).GetDouble(), actual.GetProperty("latency").GetProperty(to).GetDouble());
        }
    }

    [Fact]
    public async Task FailingProvider_ShowsWhatAggregationReports_AndItsErrorRateIsTheFailedShare()
    {
        // Given 40 calls to two models of a provider, a quarter of them failed
        var calls = Calls(Flaky, ["flaky-a", "flaky-b"], 40, seed: 41, failEvery: 4);
        await host.FeedAsync(calls);
        var expected = await AggregationHealthAsync(Flaky, calls.Count);

        // When the admin asks for providers
        var provider = await ProviderAsync(host.AdminKey, Flaky);

        // Then every figure is Aggregation's, and the error rate is the fed failures' share
        var failed = calls.Count(c => c.Usage.Outcome == Outcomes.Failed);
        Assert.Equal(Math.Round((double)failed / calls.Count, 4), provider.GetProperty("errorRate").GetDouble());
        Assert.Equal(calls.Count / 5.0, provider.GetProperty("requestsPerMinute").GetDouble());
        Assert.Equal(failed / 5.0, provider.GetProperty("errorsPerMinute").GetDouble());
        Assert.Equal(expected.GetProperty("circuitState").GetString(), provider.GetProperty("circuitState").GetString());
        AssertSameFigures(expected.GetProperty("health"), provider);
        var models = provider.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!);
        Assert.Equal(["flaky-a", "flaky-b"], models.Keys.Order());
        foreach (var model in expected.GetProperty("models").EnumerateArray())
        {
            var name = model.GetProperty("model").GetString()!;
            var own = calls.Where(c => c.Usage.Model == name).ToList();
            Assert.Equal(Math.Round((double)own.Count(c => c.Usage.Outcome == Outcomes.Failed) / own.Count, 4), models[name].GetProperty("errorRate").GetDouble());
            Assert.Equal(own.Count / 5.0, models[name].GetProperty("requestsPerMinute").GetDouble());
            AssertSameFigures(model.GetProperty("health"), models[name]);
        }
    }

    [Fact]
    public async Task TeamScopedKey_SeesTheProvidersStanding_ButNoCallVolumes()
    {
        var calls = Calls("scoped-provider", ["scoped-a"], 20, seed: 42, failEvery: 5);
        await host.FeedAsync(calls);
        var expected = await AggregationHealthAsync("scoped-provider", calls.Count);
        var key = await host.CreateKeyAsync(Role.Read, Team);

        var provider = await ProviderAsync(key, "scoped-provider");

        AssertSameFigures(expected.GetProperty("health"), provider);
        Assert.Equal(JsonValueKind.Null, provider.GetProperty("requestsPerMinute").ValueKind);
        Assert.Equal(JsonValueKind.Null, provider.GetProperty("errorsPerMinute").ValueKind);
        var model = Assert.Single(provider.GetProperty("models").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, model.GetProperty("requestsPerMinute").ValueKind);
        Assert.Equal(0.2, model.GetProperty("errorRate").GetDouble());
    }

    [Fact]
    public async Task KnownModel_CarriesTheCatalogsPriceAndFacts()
    {
        // Given calls to a dated snapshot of a model the shipped catalog prices
        const string Model = "gpt-4o-2024-08-06";
        var calls = Calls("openai", [Model], 10, seed: 43, failEvery: 1_000);
        await host.FeedAsync(calls);
        await AggregationHealthAsync("openai", calls.Count);
        var catalog = ModelCatalog.LoadDefault();
        var key = catalog.ResolveModel("openai", Model)!;
        var info = catalog.Find(key)!;
        var price = catalog.FindPrice(key, DateTimeOffset.UtcNow)!;

        // When models are asked for
        var data = await host.DataAsync(host.AdminKey, """
            query($provider: String) { models(provider: $provider) { provider model health { healthScore errorRate } catalog {
              catalogKey priceVersion inputPerMillionTokensUsd outputPerMillionTokensUsd cachedInputPerMillionTokensUsd contextWindow maxOutputTokens capabilities } } }
            """, new { provider = "openai" });

        // Then the snapshot shows its entry's price per million tokens, limits and capabilities
        var models = data.GetProperty("models").EnumerateArray().ToList();
        Assert.All(models, m => Assert.Equal("openai", m.GetProperty("provider").GetString()));
        var entry = models.Single(m => m.GetProperty("model").GetString() == Model).GetProperty("catalog");
        Assert.Equal(key, entry.GetProperty("catalogKey").GetString());
        Assert.Equal(price.Version, entry.GetProperty("priceVersion").GetString());
        Assert.Equal(price.Standard.Input * 1_000_000, Money(entry.GetProperty("inputPerMillionTokensUsd")));
        Assert.Equal(price.Standard.Output * 1_000_000, Money(entry.GetProperty("outputPerMillionTokensUsd")));
        Assert.Equal(price.Standard.CacheRead * 1_000_000, Money(entry.GetProperty("cachedInputPerMillionTokensUsd")));
        Assert.Equal(info.MaxInputTokens, entry.GetProperty("contextWindow").GetInt32());
        Assert.Equal(info.MaxOutputTokens, entry.GetProperty("maxOutputTokens").GetInt32());
        var capabilities = entry.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Equal(info.Capabilities.HasFlag(ModelCapabilities.Vision), capabilities.Contains("VISION"));
        Assert.Equal(info.Capabilities.HasFlag(ModelCapabilities.FunctionCalling), capabilities.Contains("FUNCTION_CALLING"));
    }

    [Fact]
    public async Task ModelsFromEitherPublicSource_ShowTheSourceOfTheirPrice_AndTheOtherSourcesWhereItDiffers()
    {
        // Given calls to a model only Langfuse's list prices and to one both lists price, differently
        var calls = Calls("anthropic", ["claude-opus-5", "claude-3-5-haiku-20241022"], 10, seed: 44, failEvery: 1_000);
        await host.FeedAsync(calls);
        await AggregationHealthAsync("anthropic", calls.Count);

        // When models are asked for
        var data = await host.DataAsync(host.AdminKey, """
            query($provider: String) { models(provider: $provider) { model catalog { catalogKey priceVersion priceSource inputPerMillionTokensUsd
              otherSources { source priceVersion inputPerMillionTokensUsd cacheWritePerMillionTokensUsd cacheWriteOneHourPerMillionTokensUsd } } } }
            """, new { provider = "anthropic" });

        // Then claude-opus-5 is Langfuse's ($5/M in), with no other source
        var models = data.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("model").GetString()!, m => m.GetProperty("catalog"));
        var opus = models["claude-opus-5"];
        Assert.Equal(("langfuse", "langfuse@62751446:claude-opus-5"), (opus.GetProperty("priceSource").GetString(), opus.GetProperty("priceVersion").GetString()));
        Assert.Equal(5m, Money(opus.GetProperty("inputPerMillionTokensUsd")));
        Assert.Empty(opus.GetProperty("otherSources").EnumerateArray());

        // And claude-3-5-haiku-20241022 is LiteLLM's ($0.80/M in, one-hour writes $6/M), with Langfuse's one-hour write of $1.60/M beside it
        var haiku = models["claude-3-5-haiku-20241022"];
        Assert.Equal("litellm", haiku.GetProperty("priceSource").GetString());
        Assert.Equal(0.8m, Money(haiku.GetProperty("inputPerMillionTokensUsd")));
        var other = Assert.Single(haiku.GetProperty("otherSources").EnumerateArray());
        Assert.Equal(("langfuse", "langfuse@62751446:claude-3-5-haiku-20241022"), (other.GetProperty("source").GetString(), other.GetProperty("priceVersion").GetString()));
        Assert.Equal((0.8m, 1m, 1.6m), (Money(other.GetProperty("inputPerMillionTokensUsd")), Money(other.GetProperty("cacheWritePerMillionTokensUsd")),
            Money(other.GetProperty("cacheWriteOneHourPerMillionTokensUsd"))));
    }

    private static decimal Money(JsonElement element) => decimal.Parse(element.GetString()!, CultureInfo.InvariantCulture);
}
