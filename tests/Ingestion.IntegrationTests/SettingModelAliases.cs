using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Model aliases over HTTP against the real log, re-pricing like custom prices (<see cref="SettingCustomPrices"/>). Each
/// test aliases a deployment name of its own, so an alias never touches another test's records.
/// </summary>
public sealed class SettingModelAliases(IngestionHost host) : IClassFixture<IngestionHost>
{
    private const string AliasesPath = "/v1/admin/model-aliases";
    private static readonly DateTimeOffset January = new(2025, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset February = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March = new(2025, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AliasFromAPastDate_DryRunShowsTheRepriceAndRecordsNothing_ThenAppliedItRepricesTheLaterCalls()
    {
        // Given calls to an Azure deployment the catalog cannot know, stored unpriced: one before 1 February, two after
        var deployment = "prod-chat-" + Guid.NewGuid().ToString("N")[..8];
        var early = await IngestAsync(Call(January, deployment));
        var later = await IngestAsync(Call(March, deployment), Call(March, deployment));
        Assert.False((await host.FindIngestedAsync(early))!.Cost.Priced);

        // When the admin first tries, then sets, that it has been gpt-4o-2024-08-06 since 1 February.
        // azure/gpt-4o-2024-08-06: 1,000 × 0.0000025 + 500 × 0.00001 = 0.0025 + 0.005 = 0.0075 a call; two calls 0.015.
        var alias = new SetModelAliasBody("azure", deployment, "gpt-4o-2024-08-06", February);
        var (dryResponse, dryRun) = await SetAliasAsync(alias with { DryRun = true });
        var streamsAfterDryRun = await Task.WhenAll(later.Select(host.CountStreamEventsAsync));
        var (response, applied) = await SetAliasAsync(alias);

        // Then the dry run says what the alias does and changes nothing
        Assert.Equal(HttpStatusCode.OK, dryResponse.StatusCode);
        Assert.True(dryRun.GetProperty("dryRun").GetBoolean());
        Assert.StartsWith("alias:", dryRun.GetProperty("priceVersion").GetString());
        Assert.Equal("azure/gpt-4o-2024-08-06", dryRun.GetProperty("catalogKey").GetString());
        Assert.Equal((2, 2, 0m, 0.015m, 0), Summary(dryRun));
        Assert.All(streamsAfterDryRun, count => Assert.Equal(1, count));

        // And the applied alias re-prices exactly the calls from 1 February on, naming itself
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((2, 2, 0m, 0.015m, 2), Summary(applied));
        var version = applied.GetProperty("priceVersion").GetString()!;
        foreach (var call in later)
        {
            var repriced = await RepricedAsync(call);
            Assert.False(repriced.Previous.Priced);
            Assert.Equal(0.0075m, repriced.Current.TotalUsd);
            Assert.Equal("azure/gpt-4o-2024-08-06", repriced.Current.CatalogKey);
            Assert.Contains(version, repriced.Reason);
        }

        Assert.Equal(1, await host.CountStreamEventsAsync(early));

        // A call ingested from now on is priced through it at once, and the alias is listed.
        var late = await IngestAsync(Call(March.AddDays(1), deployment));
        Assert.Equal(0.0075m, (await host.FindIngestedAsync(late))!.Cost.TotalUsd);
        var listed = await host.Http.GetFromJsonAsync<JsonElement>(AliasesPath);
        var shown = Assert.Single(listed.EnumerateArray(), a => a.GetProperty("alias").GetString() == deployment);
        Assert.Equal((version, "azure/gpt-4o-2024-08-06"), (shown.GetProperty("aliasVersion").GetString(), shown.GetProperty("catalogKey").GetString()));
    }

    [Fact]
    public async Task InvalidAlias_Gets400NamingEachField_AndRecordsNothing()
    {
        var response = await host.Http.PostAsJsonAsync(AliasesPath, new { alias = "", model = "", effectiveFrom = "1990-01-01T00:00:00Z" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["alias", "effectiveFrom", "model"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList());
    }

    [Fact]
    public async Task AliasToAModelTheCatalogLacks_Gets400NamingTheModel_AndRecordsNothing()
    {
        var deployment = "nowhere-" + Guid.NewGuid().ToString("N")[..8];

        var response = await host.Http.PostAsJsonAsync(AliasesPath, new SetModelAliasBody("azure", deployment, "gpt-7-ultra", February));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["model"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList());
        var listed = await host.Http.GetFromJsonAsync<JsonElement>(AliasesPath);
        Assert.DoesNotContain(listed.EnumerateArray(), a => a.GetProperty("alias").GetString() == deployment);
    }

    private static UsageRecorded Call(DateTimeOffset occurredAt, string model) =>
        SampleUsage.Gpt4o() with { OccurredAt = occurredAt, Model = model, Provider = "azure" };

    private static (int Touched, int PreviouslyUnpriced, decimal Before, decimal After, int Applied) Summary(JsonElement summary) => (
        summary.GetProperty("recordsTouched").GetInt32(),
        summary.GetProperty("previouslyUnpriced").GetInt32(),
        summary.GetProperty("costBeforeUsd").GetDecimal(),
        summary.GetProperty("costAfterUsd").GetDecimal(),
        summary.GetProperty("applied").GetInt32());

    private async Task<UsageRecorded> IngestAsync(UsageRecorded call) => (await PriceListCalls.IngestAsync(host, call))[0];

    private Task<UsageRecorded[]> IngestAsync(params UsageRecorded[] calls) => PriceListCalls.IngestAsync(host, calls);

    private Task<(HttpResponseMessage Response, JsonElement Summary)> SetAliasAsync(SetModelAliasBody body) => PriceListCalls.SetAsync(host, AliasesPath, body);

    private Task<UsageRepriced> RepricedAsync(UsageRecorded call) => PriceListCalls.RepricedAsync(host, call);

    /// <summary>The request body as an admin's client would send it.</summary>
    private sealed record SetModelAliasBody(string Provider, string Alias, string Model, DateTimeOffset EffectiveFrom)
    {
        public bool DryRun { get; init; }
    }
}
