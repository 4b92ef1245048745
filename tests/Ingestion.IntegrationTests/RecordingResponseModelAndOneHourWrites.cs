using System.Net;
using System.Net.Http.Json;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

public sealed class RecordingResponseModelAndOneHourWrites(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task DeploymentNameWithOneHourWrites_IsPricedByTheResponseModelAtTheOneHourRate()
    {
        // claude-sonnet-4-20250514 (the response's model; "sonnet-prod" is a deployment name the catalog cannot know):
        // input 3e-06, one-hour cache write 6e-06, output 1.5e-05. Input 10,000 = 4,000 uncached + 6,000 written for an hour.
        //   4,000 × 0.000003 = 0.012
        //   6,000 × 0.000006 = 0.036
        //   1,000 × 0.000015 = 0.015
        //                total 0.063
        var record = SampleUsage.Gpt4o() with
        {
            Provider = "anthropic",
            Model = "sonnet-prod",
            ResponseModel = "claude-sonnet-4-20250514",
            InputTokens = 10_000,
            CacheWriteTokens = 6_000,
            CacheWriteOneHourTokens = 6_000,
            OutputTokens = 1_000,
        };

        var response = await host.Http.PostAsJsonAsync("/v1/usage", record);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ingested = await host.FindIngestedAsync(record);
        Assert.NotNull(ingested);
        Assert.Equal(("sonnet-prod", "claude-sonnet-4-20250514", 6_000L), (ingested.Usage.Model, ingested.Usage.ResponseModel, ingested.Usage.CacheWriteOneHourTokens));
        Assert.Equal("claude-sonnet-4-20250514", ingested.Cost.CatalogKey);
        Assert.Equal(0.036m, ingested.Cost.CacheWriteUsd);
        Assert.Equal(0.063m, ingested.Cost.TotalUsd);
    }

    [Fact]
    public async Task MoreOneHourWritesThanWrites_IsRefusedNamingTheField()
    {
        var requestId = "one-hour-overflow-" + Guid.NewGuid().ToString("N");

        var response = await RawUsage.PostAsync(host.Http, RawUsage.Record(requestId, ("cacheWriteTokens", "10"), ("cacheWriteOneHourTokens", "11")));

        var errors = await RawUsage.ErrorsAsync(response);
        Assert.Equal(["cacheWriteOneHourTokens"], errors.Keys);
        Assert.Equal(0, await host.CountStreamEventsAsync("support", requestId));
    }

    [Fact]
    public async Task ResponseModelThatIsNoIdentifier_IsRefusedNamingTheField()
    {
        var requestId = "bad-response-model-" + Guid.NewGuid().ToString("N");

        var response = await RawUsage.PostAsync(host.Http, RawUsage.Record(requestId, ("responseModel", "\"gpt\\u0000-4o\"")));

        var errors = await RawUsage.ErrorsAsync(response);
        Assert.Equal(["responseModel"], errors.Keys);
    }
}
