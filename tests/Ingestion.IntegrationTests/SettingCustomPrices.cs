using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Custom prices over HTTP against the real log. The tests share a database, so each prices a model of
/// its own: a price for one model never touches another test's records.
/// </summary>
public sealed class SettingCustomPrices(IngestionHost host) : IClassFixture<IngestionHost>
{
    private const string PricesPath = "/v1/admin/model-prices";
    private static readonly DateTimeOffset January = new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2025, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DryRun_ReportsRecordsAndCostsBeforeAndAfter_AndRecordsNothing()
    {
        // Given gpt-4o-mini calls on both sides of 1 February; each costs 1,000 × $0.15/M + 500 × $0.60/M = $0.00045
        var before = await IngestAsync(Call(January, "gpt-4o-mini"), Call(January, "gpt-4o-mini"));
        var after = await IngestAsync(Call(March, "gpt-4o-mini"), Call(March, "gpt-4o-mini"), Call(March, "gpt-4o-mini"));

        // When $0.10/M in and $0.40/M out from 1 February is tried: 1,000 × 0.0000001 + 500 × 0.0000004 = $0.0003 each
        var (response, summary) = await SetPriceAsync(Price("openai", "gpt-4o-mini", February, 0.10m, 0.40m) with { DryRun = true });

        // Then
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(summary.GetProperty("dryRun").GetBoolean());
        Assert.False(summary.GetProperty("priceRecorded").GetBoolean());
        Assert.StartsWith("custom:", summary.GetProperty("priceVersion").GetString());
        Assert.Equal("gpt-4o-mini", summary.GetProperty("catalogKey").GetString());
        Assert.Equal(3, summary.GetProperty("recordsTouched").GetInt32());
        Assert.Equal(0, summary.GetProperty("previouslyUnpriced").GetInt32());
        Assert.Equal(0.00135m, summary.GetProperty("costBeforeUsd").GetDecimal());
        Assert.Equal(0.0009m, summary.GetProperty("costAfterUsd").GetDecimal());
        Assert.Equal(-0.00045m, summary.GetProperty("differenceUsd").GetDecimal());
        Assert.Equal(0, summary.GetProperty("applied").GetInt32());
        foreach (var call in before.Concat(after))
        {
            Assert.Equal(1, await host.CountStreamEventsAsync(call));
        }

        var listed = await host.Http.GetFromJsonAsync<JsonElement>(PricesPath);
        Assert.DoesNotContain(listed.EnumerateArray(), p => p.GetProperty("model").GetString() == "gpt-4o-mini");
    }

    [Fact]
    public async Task PriceFromAPastDate_RepricesExactlyTheLaterRecords_NamingItsVersion()
    {
        // Given gpt-4o calls before and after 1 February, at the shipped $2.50/M in, $1.25/M cached, $10/M out
        var january = (await IngestAsync(Call(January, "gpt-4o")))[0];
        var plain = Call(March, "gpt-4o");                                                     // 0.0025 + 0.005 = 0.0075
        var cached = Call(March, "gpt-4o") with { InputTokens = 2000, CachedInputTokens = 1000, OutputTokens = 1000 }; // 0.0025 + 0.00125 + 0.01 = 0.01375
        await IngestAsync(plain, cached);

        // When $2/M in, $1/M cached, $8/M out is set from 1 February
        var (response, summary) = await SetPriceAsync(Price("openai", "gpt-4o", February, 2m, 8m) with { CachedInputPerMillionTokens = 1m });

        // Then only the March calls are re-priced: 0.002 + 0.004 = 0.006, and 0.002 + 0.001 + 0.008 = 0.011
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var version = summary.GetProperty("priceVersion").GetString()!;
        Assert.Equal(response.Headers.Location?.OriginalString, $"{PricesPath}/{Uri.EscapeDataString(version)}");
        Assert.True(summary.GetProperty("priceRecorded").GetBoolean());
        Assert.Equal(2, summary.GetProperty("recordsTouched").GetInt32());
        Assert.Equal(2, summary.GetProperty("applied").GetInt32());
        Assert.Equal(0.02125m, summary.GetProperty("costBeforeUsd").GetDecimal());
        Assert.Equal(0.017m, summary.GetProperty("costAfterUsd").GetDecimal());
        Assert.Equal(-0.00425m, summary.GetProperty("differenceUsd").GetDecimal());

        Assert.Equal(1, await host.CountStreamEventsAsync(january));
        var plainRepriced = await RepricedAsync(plain);
        Assert.Equal(0.0075m, plainRepriced.Previous.TotalUsd);
        Assert.Equal(0.006m, plainRepriced.Current.TotalUsd);
        Assert.Equal(version, plainRepriced.Current.PriceVersion);
        var cachedRepriced = await RepricedAsync(cached);
        Assert.Equal(0.01375m, cachedRepriced.Previous.TotalUsd);
        Assert.Equal(0.001m, cachedRepriced.Current.CachedInputUsd);
        Assert.Equal(0.011m, cachedRepriced.Current.TotalUsd);
        Assert.Equal(version, cachedRepriced.Current.PriceVersion);
        Assert.Contains(version, cachedRepriced.Reason);

        // A call ingested from now on is priced with it at once.
        var late = (await IngestAsync(Call(March.AddDays(1), "gpt-4o")))[0];
        var lateIngested = await host.FindIngestedAsync(late);
        Assert.Equal(version, lateIngested!.Cost.PriceVersion);
        Assert.Equal(0.006m, lateIngested.Cost.TotalUsd);

        var listed = await host.Http.GetFromJsonAsync<JsonElement>($"{PricesPath}/{Uri.EscapeDataString(version)}");
        Assert.Equal(2m, listed.GetProperty("inputPerMillionTokens").GetDecimal());
        Assert.Equal(1m, listed.GetProperty("cachedInputPerMillionTokens").GetDecimal());
        Assert.Equal(February, listed.GetProperty("effectiveFrom").GetDateTimeOffset());
    }

    [Fact]
    public async Task UnknownModel_IsPricedOnceItsPriceIsSet_AndLeavesTheUnpricedList()
    {
        // Given an in-house model's calls, stored unpriced: one before the price's date, two after
        var model = "inhouse-" + Guid.NewGuid().ToString("N")[..8];
        var early = (await IngestAsync(Call(January, model, "acme")))[0];
        var later = await IngestAsync(Call(March, model, "acme"), Call(March, model, "acme"));
        Assert.Equal(3, await UnpricedRecordsAsync(model));

        // When its price is set from 1 February: 1,000 × $3/M + 500 × $15/M = 0.003 + 0.0075 = 0.0105 each
        var (response, summary) = await SetPriceAsync(Price("acme", model, February, 3m, 15m));

        // Then
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(2, summary.GetProperty("recordsTouched").GetInt32());
        Assert.Equal(2, summary.GetProperty("previouslyUnpriced").GetInt32());
        Assert.Equal(0m, summary.GetProperty("costBeforeUsd").GetDecimal());
        Assert.Equal(0.021m, summary.GetProperty("costAfterUsd").GetDecimal());
        foreach (var call in later)
        {
            var repriced = await RepricedAsync(call);
            Assert.False(repriced.Previous.Priced);
            Assert.True(repriced.Current.Priced);
            Assert.Equal(0.0105m, repriced.Current.TotalUsd);
        }

        Assert.Equal(1, await host.CountStreamEventsAsync(early));
        Assert.Equal(1, await UnpricedRecordsAsync(model));

        // And once a price covers the early call too, the model leaves the list.
        await SetPriceAsync(Price("acme", model, January.AddDays(-1), 3m, 15m));
        Assert.Null(await UnpricedRecordsAsync(model));
    }

    [Fact]
    public async Task SamePriceAgain_RecordsNothing_AndRepricesNothingTwice()
    {
        var model = "repeat-" + Guid.NewGuid().ToString("N")[..8];
        var calls = await IngestAsync(Call(March, model, "acme"), Call(March, model, "acme"));
        var price = Price("acme", model, February, 1m, 2m);
        var (_, first) = await SetPriceAsync(price);

        var (response, again) = await SetPriceAsync(price);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(again.GetProperty("priceRecorded").GetBoolean());
        Assert.Equal(first.GetProperty("priceVersion").GetString(), again.GetProperty("priceVersion").GetString());
        Assert.Equal(0, again.GetProperty("recordsTouched").GetInt32());
        Assert.Equal(0, again.GetProperty("applied").GetInt32());
        Assert.Equal(2, again.GetProperty("unchanged").GetInt32());
        foreach (var call in calls)
        {
            Assert.Equal(2, await host.CountStreamEventsAsync(call));
        }

        var listed = await host.Http.GetFromJsonAsync<JsonElement>(PricesPath);
        Assert.Single(listed.EnumerateArray(), p => p.GetProperty("model").GetString() == model);
    }

    [Fact]
    public async Task TwoAdminsAtOnce_BothPricesAreRecordedUnderTheirOwnVersions()
    {
        var models = new[] { "first-" + Guid.NewGuid().ToString("N")[..8], "second-" + Guid.NewGuid().ToString("N")[..8] };

        var results = await Task.WhenAll(models.Select(m => SetPriceAsync(Price("acme", m, February, 1m, 2m))));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.Response.StatusCode));
        var versions = results.Select(r => r.Summary.GetProperty("priceVersion").GetString()).ToList();
        Assert.Equal(2, versions.Distinct().Count());
    }

    [Fact]
    public async Task PriceSetByAnotherInstance_IsUsedHereWithinTheRefreshInterval()
    {
        // Given a price appended to the log by someone else, bypassing this instance
        var model = "elsewhere-" + Guid.NewGuid().ToString("N")[..8];
        var holder = host.Services.GetRequiredService<ModelCatalogHolder>();
        var events = await host.Store.FetchStreamAsync(UsageStreams.ModelPrices);
        var version = $"custom:{events.Count + 1}";
        await host.Store.AppendAsync(UsageStreams.ModelPrices, events.Count, new ModelPriceSet
        {
            PriceVersion = version,
            Provider = "acme",
            Model = model,
            EffectiveFrom = February,
            Standard = new PerTokenRates { InputUsd = 0.000001m, OutputUsd = 0.000002m },
            SetAt = DateTimeOffset.UtcNow,
        });

        // Then this instance prices with it soon after
        await host.WaitUntilAsync(() => Task.FromResult(holder.Current.ResolveModel("acme", model) is not null), "the refresher should load the new price");
        var call = (await IngestAsync(Call(March, model, "acme")))[0];
        var ingested = await host.FindIngestedAsync(call);
        Assert.Equal(version, ingested!.Cost.PriceVersion);
        Assert.Equal(0.002m, ingested.Cost.TotalUsd); // 1,000 × 0.000001 + 500 × 0.000002
    }

    [Fact]
    public async Task InvalidPrice_Gets400NamingEachField_AndRecordsNothing()
    {
        var response = await host.Http.PostAsJsonAsync(PricesPath, new
        {
            model = "",
            effectiveFrom = "1990-01-01T00:00:00Z",
            inputPerMillionTokens = -1m,
            batch = new { outputPerMillionTokens = -2m },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["batch.outputPerMillionTokens", "effectiveFrom", "inputPerMillionTokens", "model", "outputPerMillionTokens"], fields);
        var listed = await host.Http.GetFromJsonAsync<JsonElement>(PricesPath);
        Assert.DoesNotContain(listed.EnumerateArray(), p => p.GetProperty("model").GetString() == "");
    }

    private static UsageRecorded Call(DateTimeOffset occurredAt, string model, string provider = "openai") =>
        SampleUsage.Gpt4o() with { OccurredAt = occurredAt, Model = model, Provider = provider };

    private static SetModelPriceBody Price(string provider, string model, DateTimeOffset from, decimal inputPerMillion, decimal outputPerMillion) =>
        new(provider, model, from, inputPerMillion, outputPerMillion);

    private Task<UsageRecorded[]> IngestAsync(params UsageRecorded[] calls) => PriceListCalls.IngestAsync(host, calls);

    private Task<(HttpResponseMessage Response, JsonElement Summary)> SetPriceAsync(SetModelPriceBody body) => PriceListCalls.SetAsync(host, PricesPath, body);

    private Task<UsageRepriced> RepricedAsync(UsageRecorded call) => PriceListCalls.RepricedAsync(host, call);

    private async Task<long?> UnpricedRecordsAsync(string model)
    {
        var listed = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        return listed.EnumerateArray().Where(m => m.GetProperty("model").GetString() == model)
            .Select(m => (long?)m.GetProperty("records").GetInt64()).SingleOrDefault();
    }

    /// <summary>The request body as an admin's client would send it.</summary>
    private sealed record SetModelPriceBody(
        string Provider, string Model, DateTimeOffset EffectiveFrom, decimal InputPerMillionTokens, decimal OutputPerMillionTokens)
    {
        public decimal? CachedInputPerMillionTokens { get; init; }

        public bool DryRun { get; init; }
    }
}
