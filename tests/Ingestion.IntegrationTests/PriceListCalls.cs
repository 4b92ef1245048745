using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using TokenOptimizer.UsageLog;
using Xunit;

namespace TokenOptimizer.Ingestion.IntegrationTests;

/// <summary>The calls the custom-price and model-alias tests make: ingest records, change the price list, read a re-price.</summary>
internal static class PriceListCalls
{
    public static async Task<UsageRecorded[]> IngestAsync(IngestionHost host, params UsageRecorded[] calls)
    {
        var response = await host.Http.PostAsJsonAsync("/v1/usage", calls);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(calls.Length, body.GetProperty("accepted").GetInt32());
        return calls;
    }

    /// <summary>Posts a price or an alias; fails unless it succeeded, and returns the re-pricing summary.</summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Summary)> SetAsync<TBody>(IngestionHost host, string path, TBody body)
    {
        var response = await host.Http.PostAsJsonAsync(path, body);
        var content = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, content);
        return (response, JsonDocument.Parse(content).RootElement.Clone());
    }

    /// <summary>The one compensating event of a call re-priced once.</summary>
    public static async Task<UsageRepriced> RepricedAsync(IngestionHost host, UsageRecorded call)
    {
        var events = await host.Store.FetchStreamAsync(UsageStreams.For(call));
        Assert.Equal(2, events.Count);
        return Assert.IsType<UsageRepriced>(events[1].Data);
    }
}
