using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

public sealed class RecordingUsageOverHttp(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task OneRecord_IsPricedAndStored()
    {
        var record = SampleUsage.Gpt4o();

        var response = await host.Http.PostAsJsonAsync("/v1/usage", record);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var ingested = await host.FindIngestedAsync(record);
        Assert.NotNull(ingested);
        Assert.True(ingested.Cost.Priced);
        Assert.Equal(SampleUsage.Gpt4oCostUsd, ingested.Cost.TotalUsd);
        Assert.Equal(0.0025m, ingested.Cost.InputUsd);
        Assert.Equal(0.005m, ingested.Cost.OutputUsd);
        Assert.StartsWith("litellm@", ingested.Cost.PriceVersion);
        Assert.Equal("http", ingested.Source);
    }

    [Fact]
    public async Task Batch_IsStored_WithCounts()
    {
        var records = Enumerable.Range(0, 25).Select(_ => SampleUsage.Gpt4o()).ToList();

        var response = await host.Http.PostAsJsonAsync("/v1/usage", new { records });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(25, body.GetProperty("accepted").GetInt32());
        Assert.Equal(0, body.GetProperty("rejected").GetInt32());
        foreach (var record in records)
        {
            Assert.NotNull(await host.FindIngestedAsync(record));
        }
    }

    [Fact]
    public async Task DuplicateRequestId_IsStoredOnce()
    {
        var record = SampleUsage.Gpt4o();

        await host.Http.PostAsJsonAsync("/v1/usage", record);
        var again = await host.Http.PostAsJsonAsync("/v1/usage", new[] { record, record });

        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, body.GetProperty("accepted").GetInt32());
        Assert.Equal(2, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, await host.CountStreamEventsAsync(record));
    }

    [Fact]
    public async Task InvalidRecord_Gets400NamingItsFields_AndLandsInQuarantine()
    {
        var record = SampleUsage.Gpt4o() with { InputTokens = -1, CachedInputTokens = 0, Model = "", Outcome = "maybe" };

        var response = await host.Http.PostAsJsonAsync("/v1/usage", record);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["inputTokens", "model", "outcome"], fields);
        Assert.Equal(1, await host.CountQuarantinedAsync(record.RequestId));
        Assert.Equal(0, await host.CountStreamEventsAsync(record));
    }

    [Fact]
    public async Task MixedBatch_StoresTheValid_AndReportsEachInvalidOne()
    {
        var good = SampleUsage.Gpt4o();
        var bad = SampleUsage.Gpt4o() with { OutputTokens = 5, ReasoningTokens = 9 };

        var response = await host.Http.PostAsJsonAsync("/v1/usage", new[] { good, bad });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("accepted").GetInt32());
        Assert.Equal(1, body.GetProperty("rejected").GetInt32());
        var problem = Assert.Single(body.GetProperty("problems").EnumerateArray());
        Assert.Equal(1, problem.GetProperty("index").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty("reasoningTokens", out _));
        Assert.Equal(1, await host.CountQuarantinedAsync(bad.RequestId));
    }

    [Fact]
    public async Task UnknownModel_IsStoredUnpriced_AndListedForAnAdmin()
    {
        var record = SampleUsage.Gpt4o() with { Provider = "acme", Model = "acme-inhouse-" + Guid.NewGuid().ToString("N")[..6] };

        var response = await host.Http.PostAsJsonAsync("/v1/usage", record);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, body.GetProperty("unpriced").GetInt32());
        var ingested = await host.FindIngestedAsync(record);
        Assert.False(ingested!.Cost.Priced);
        Assert.Equal(0m, ingested.Cost.TotalUsd);
        Assert.NotNull(ingested.Cost.UnpricedReason);
        var listed = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        Assert.Contains(listed.EnumerateArray(), m => m.GetProperty("model").GetString() == record.Model && m.GetProperty("records").GetInt64() == 1);
    }

    [Fact]
    public async Task MalformedJson_Gets400WithAClearMessage()
    {
        var response = await host.Http.PostAsync("/v1/usage", new StringContent("{\"requestId\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OversizedBatch_IsRefusedWhole()
    {
        var records = Enumerable.Range(0, UsageLimits.MaxBatchSize + 1).Select(_ => SampleUsage.Gpt4o()).ToList();

        var response = await host.Http.PostAsJsonAsync("/v1/usage", records);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 1000", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await host.CountStreamEventsAsync(records[0]));
    }
}
