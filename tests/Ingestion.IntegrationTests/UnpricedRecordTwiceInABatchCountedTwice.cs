using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>
/// Regression: an unpriced record sent twice in one batch was stored once but counted twice, in the answer's
/// <c>unpriced</c> and in the unpriced-models list an admin prices from.
/// </summary>
public sealed class UnpricedRecordTwiceInABatchCountedTwice(IngestionHost host) : IClassFixture<IngestionHost>
{
    [Fact]
    public async Task UnpricedRecordTwiceInABatch_IsCountedOnce()
    {
        var record = SampleUsage.Gpt4o() with { Provider = "acme", Model = "acme-inhouse-" + Guid.NewGuid().ToString("N")[..6] };

        var response = await host.Http.PostAsJsonAsync("/v1/usage", new[] { record, record });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1, 1), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32(), body.GetProperty("unpriced").GetInt32()));
        var listed = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        Assert.Equal(1, listed.EnumerateArray().Single(m => m.GetProperty("model").GetString() == record.Model).GetProperty("records").GetInt64());
    }

    [Fact]
    public async Task PricedRecordThenUnpricedTwinInABatch_CountsNothing()
    {
        // The first of two records with one request id is the one stored: a priced one leaves nothing to price.
        var priced = SampleUsage.Gpt4o();
        var unpricedTwin = priced with { Provider = "acme", Model = "acme-inhouse-" + Guid.NewGuid().ToString("N")[..6] };

        var response = await host.Http.PostAsJsonAsync("/v1/usage", new[] { priced, unpricedTwin });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 0), (body.GetProperty("accepted").GetInt32(), body.GetProperty("unpriced").GetInt32()));
        var listed = await host.Http.GetFromJsonAsync<JsonElement>("/v1/unpriced-models");
        Assert.DoesNotContain(listed.EnumerateArray(), m => m.GetProperty("model").GetString() == unpricedTwin.Model);
    }
}
