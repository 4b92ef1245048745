using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.ImportingCatalogs;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Catalog refresh over HTTP against the real log: a newer LiteLLM or Langfuse file is compared with the prices in force,
/// recorded as a dated import and re-prices what it covers. The tests share a database, so each file prices models of its own.
/// </summary>
public sealed class RefreshingTheCatalog(IngestionHost host) : IClassFixture<IngestionHost>
{
    private const string ImportsPath = CatalogImportEndpoints.Path;
    private const long CatalogImportLimit = CatalogImportEndpoints.MaxBodyBytes;
    private static readonly DateTimeOffset January = new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2025, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ImportThatChangesOnePrice_RepricesTheLaterRecords_AndKeepsTheHistory()
    {
        // Given gpt-3.5-turbo calls at the shipped $0.50/M in, $1.50/M out: 1,000 × 0.0000005 + 500 × 0.0000015 = 0.0005 + 0.00075 = $0.00125 each
        var january = (await IngestAsync(Call(January, "gpt-3.5-turbo")))[0];
        var march = await IngestAsync(Call(March, "gpt-3.5-turbo"), Call(March, "gpt-3.5-turbo"));
        // and a file that doubles its input rate and prices gpt-4 as shipped ($30/M in, $60/M out)
        const string File = """
            {
              "sample_spec": {"input_cost_per_token": 0},
              "gpt-3.5-turbo": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 1.5e-06},
              "gpt-4": {"litellm_provider": "openai", "mode": "chat", "input_cost_per_token": 3e-05, "output_cost_per_token": 6e-05},
              "dall-e-3": {"litellm_provider": "openai", "mode": "image_generation", "output_cost_per_image": 0.04}
            }
            """;

        // When it is imported from 1 February
        var (response, summary) = await ImportAsync(File, February);

        // Then the March calls cost 1,000 × 0.000001 + 500 × 0.0000015 = 0.001 + 0.00075 = $0.00175 each: $0.0025 → $0.0035
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(summary.GetProperty("recorded").GetBoolean());
        Assert.Equal("litellm", summary.GetProperty("format").GetString());
        Assert.Equal(Sha256(File), summary.GetProperty("sha256").GetString());
        Assert.Empty(summary.GetProperty("newModels").EnumerateArray());
        var changed = Assert.Single(summary.GetProperty("changedPrices").EnumerateArray());
        Assert.Equal("gpt-3.5-turbo", changed.GetProperty("catalogKey").GetString());
        Assert.Equal("litellm@0435375b:gpt-3.5-turbo", changed.GetProperty("previousPriceVersion").GetString());
        var rate = Assert.Single(changed.GetProperty("rates").EnumerateArray());
        Assert.Equal(("standard", "input", 0.5m, 1m), (rate.GetProperty("tier").GetString(), rate.GetProperty("rate").GetString(),
            rate.GetProperty("previousPerMillionTokensUsd").GetDecimal(), rate.GetProperty("currentPerMillionTokensUsd").GetDecimal()));
        Assert.Equal(1, summary.GetProperty("unchanged").GetInt32());
        Assert.Contains(summary.GetProperty("removedModels").EnumerateArray(), m => m.GetString() == "gpt-4o");

        var importVersion = summary.GetProperty("importVersion").GetString()!;
        var repricing = summary.GetProperty("repricing");
        Assert.Equal(2, repricing.GetProperty("recordsTouched").GetInt32());
        Assert.Equal(2, repricing.GetProperty("applied").GetInt32());
        Assert.Equal(0.0025m, repricing.GetProperty("costBeforeUsd").GetDecimal());
        Assert.Equal(0.0035m, repricing.GetProperty("costAfterUsd").GetDecimal());
        Assert.Equal(0.001m, repricing.GetProperty("differenceUsd").GetDecimal());
        Assert.Equal(1, await host.CountStreamEventsAsync(january));
        foreach (var call in march)
        {
            var repriced = await PriceListCalls.RepricedAsync(host, call);
            Assert.Equal(0.00125m, repriced.Previous.TotalUsd);
            Assert.Equal(0.00175m, repriced.Current.TotalUsd);
            Assert.Equal($"{importVersion}:gpt-3.5-turbo", repriced.Current.PriceVersion);
            Assert.Contains(importVersion, repriced.Reason);
        }

        // A model the file no longer lists keeps its price: a new gpt-4o call costs the shipped $0.0075.
        var gpt4o = (await IngestAsync(Call(March, "gpt-4o")))[0];
        Assert.Equal(SampleUsage.Gpt4oCostUsd, (await host.FindIngestedAsync(gpt4o))!.Cost.TotalUsd);

        // And the history names the file, its hash and the versions it made.
        var listed = await host.Http.GetFromJsonAsync<JsonElement>(ImportsPath);
        var import = Assert.Single(listed.EnumerateArray(), i => i.GetProperty("importVersion").GetString() == importVersion);
        Assert.Equal("model_prices_and_context_window.json", import.GetProperty("fileName").GetString());
        Assert.Equal(Sha256(File), import.GetProperty("sha256").GetString());
        Assert.Equal(February, import.GetProperty("effectiveFrom").GetDateTimeOffset());
        Assert.Equal([$"{importVersion}:gpt-3.5-turbo"], import.GetProperty("priceVersions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task NewModelInTheFile_BecomesPriced_AndItsUnpricedRecordsAreRepriced()
    {
        // Given an in-house model's calls, stored unpriced: one before 1 February, two after
        var model = "acme-" + Guid.NewGuid().ToString("N")[..8];
        var early = (await IngestAsync(Call(January, model, "acme")))[0];
        var later = await IngestAsync(Call(March, model, "acme"), Call(March, model, "acme"));

        // When a file pricing it at $3/M in and $15/M out is imported from 1 February
        var file = $$$"""{"{{{model}}}": {"litellm_provider": "acme", "input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05}}""";
        var (response, summary) = await ImportAsync(file, February);

        // Then the later calls cost 1,000 × 0.000003 + 500 × 0.000015 = 0.003 + 0.0075 = $0.0105 each, $0.021 in all
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([model], summary.GetProperty("newModels").EnumerateArray().Select(m => m.GetString()));
        var repricing = summary.GetProperty("repricing");
        Assert.Equal(2, repricing.GetProperty("recordsTouched").GetInt32());
        Assert.Equal(2, repricing.GetProperty("previouslyUnpriced").GetInt32());
        Assert.Equal(0m, repricing.GetProperty("costBeforeUsd").GetDecimal());
        Assert.Equal(0.021m, repricing.GetProperty("costAfterUsd").GetDecimal());
        foreach (var call in later)
        {
            var repriced = await PriceListCalls.RepricedAsync(host, call);
            Assert.False(repriced.Previous.Priced);
            Assert.Equal(0.0105m, repriced.Current.TotalUsd);
        }

        Assert.Equal(1, await host.CountStreamEventsAsync(early));
        var unpriced = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        Assert.Equal(1, unpriced.EnumerateArray().Single(m => m.GetProperty("model").GetString() == model).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task DryRun_ReportsTheChangeAndItsDollars_AndChangesNothing()
    {
        // Given gpt-4-0613 calls at the shipped $30/M in, $60/M out: 1,000 × 0.00003 + 500 × 0.00006 = 0.03 + 0.03 = $0.06 each
        var calls = await IngestAsync(Call(March, "gpt-4-0613"), Call(March, "gpt-4-0613"));
        const string File = """{"gpt-4-0613": {"litellm_provider": "openai", "input_cost_per_token": 2e-05, "output_cost_per_token": 6e-05}}""";

        // When a file with $20/M in is tried: 1,000 × 0.00002 + 0.03 = $0.05 each
        var (response, summary) = await ImportAsync(File, February, dryRun: true);

        // Then
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(summary.GetProperty("dryRun").GetBoolean());
        Assert.False(summary.GetProperty("recorded").GetBoolean());
        Assert.Equal("gpt-4-0613", Assert.Single(summary.GetProperty("changedPrices").EnumerateArray()).GetProperty("catalogKey").GetString());
        var repricing = summary.GetProperty("repricing");
        Assert.Equal(2, repricing.GetProperty("recordsTouched").GetInt32());
        Assert.Equal(0.12m, repricing.GetProperty("costBeforeUsd").GetDecimal());
        Assert.Equal(0.10m, repricing.GetProperty("costAfterUsd").GetDecimal());
        Assert.Equal(-0.02m, repricing.GetProperty("differenceUsd").GetDecimal());
        Assert.Equal(0, repricing.GetProperty("applied").GetInt32());
        foreach (var call in calls)
        {
            Assert.Equal(1, await host.CountStreamEventsAsync(call));
        }

        var listed = await host.Http.GetFromJsonAsync<JsonElement>(ImportsPath);
        Assert.DoesNotContain(listed.EnumerateArray(), i => i.GetProperty("sha256").GetString() == Sha256(File));
        var next = (await IngestAsync(Call(March, "gpt-4-0613")))[0];
        Assert.Equal("litellm@0435375b:gpt-4-0613", (await host.FindIngestedAsync(next))!.Cost.PriceVersion);
    }

    [Fact]
    public async Task LangfuseFile_AddsTheModelsLiteLlmLacks_AndLeavesLiteLlmsPricesAlone()
    {
        var model = "lf-" + Guid.NewGuid().ToString("N")[..8];
        var file = $$$"""
            [
              {"modelName": "{{{model}}}", "matchPattern": "(?i)^(openai/)?({{{model}}})$", "tokenizerId": "openai",
               "pricingTiers": [{"isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 1.0e-06, "output": 2e-06}}]},
              {"modelName": "gpt-4o", "matchPattern": "(?i)^(openai/)?(gpt-4o)$", "tokenizerId": "openai",
               "pricingTiers": [{"isDefault": true, "priority": 0, "conditions": [], "prices": {"input": 9e-06, "output": 9e-06}}]}
            ]
            """;

        var (_, summary) = await ImportAsync(file, February, dryRun: true);

        Assert.Equal("langfuse", summary.GetProperty("format").GetString());
        Assert.Equal([model], summary.GetProperty("newModels").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty(summary.GetProperty("changedPrices").EnumerateArray());
    }

    [Theory]
    [InlineData("""{"gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": 2.5e-06,""", "content", "not valid JSON")]
    [InlineData("""{"gpt-4o": {"litellm_provider": "openai", "input_cost_per_token": -1e-06}}""", "content.gpt-4o.input_cost_per_token", "negative")]
    [InlineData("""{"gpt-4o": {"litellm_provider": "openai", "output_cost_per_token": "cheap"}}""", "content.gpt-4o.output_cost_per_token", "must be a number")]
    [InlineData("""{"gpt-4o": {"input_cost_per_token": 1e-06}}""", "content.gpt-4o.litellm_provider", "no litellm_provider")]
    [InlineData("""[{"modelName": "m", "pricingTiers": [{"isDefault": true, "prices": {"input": -2}}]}]""", "content.m.input", "negative")]
    public async Task BadFile_Gets400NamingTheModelAndField_AndImportsNothing(string file, string field, string saying)
    {
        var before = (await host.Http.GetFromJsonAsync<JsonElement>(ImportsPath)).GetArrayLength();

        var response = await host.Http.PostAsJsonAsync(ImportsPath, new { content = file, fileName = "bad.json" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains(saying, errors.GetProperty(field)[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, (await host.Http.GetFromJsonAsync<JsonElement>(ImportsPath)).GetArrayLength());
    }

    [Fact]
    public async Task UnknownFormatAndNoContent_Get400NamingTheFields()
    {
        var response = await host.Http.PostAsJsonAsync(ImportsPath, new { format = "openrouter", effectiveFrom = "1990-01-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["content", "effectiveFrom", "format"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task FileOverTheLimit_Gets413SayingTheLimit()
    {
        var response = await host.Http.PostAsJsonAsync(ImportsPath, new { content = new string(' ', (int)CatalogImportLimit) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(CatalogImportLimit, problem.GetProperty("maxBodyBytes").GetInt64());
    }

    private static UsageRecorded Call(DateTimeOffset occurredAt, string model, string provider = "openai") =>
        SampleUsage.Gpt4o() with { OccurredAt = occurredAt, Model = model, Provider = provider };

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<UsageRecorded[]> IngestAsync(params UsageRecorded[] calls) => PriceListCalls.IngestAsync(host, calls);

    private Task<(HttpResponseMessage Response, JsonElement Summary)> ImportAsync(string content, DateTimeOffset effectiveFrom, bool dryRun = false) =>
        PriceListCalls.SetAsync(host, ImportsPath, new { content, fileName = "model_prices_and_context_window.json", effectiveFrom, dryRun });
}
