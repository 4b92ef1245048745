using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Access;
using TokenOptimizer.SystemTests.Running;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.SystemTests.SendingUsage;

/// <summary>A producer's record, sent to Ingestion over HTTP, read back through Query's GraphQL API: the whole path.</summary>
[Collection(InTurnCollection.Name)]
public sealed class SendingARecordOverHttp(SharedSystem system)
{
    [Fact]
    public async Task ARecordSentToIngestion_IsReadBackFromGraphQL_PricedToTheCent()
    {
        // Given an ingest key
        using var ingestion = new HttpClient { BaseAddress = system.IngestionUrl };
        var ingestKey = await ingestion.CreateApiKeyAsync(system.AdminKey, Role.Ingest);
        var feature = $"system-test-{Guid.NewGuid():N}";
        var requestId = $"req-{Guid.NewGuid():N}";

        // When a record is sent over HTTP
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/usage")
        {
            Content = JsonContent.Create(new
            {
                requestId, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), provider = "openai", model = "gpt-4o", feature,
                team = "system-tests", environment = "test", inputTokens = 1000, cachedInputTokens = 200, outputTokens = 500,
                latencyMs = 812, outcome = "succeeded",
            }),
        };
        request.Headers.Authorization = new("Bearer", ingestKey);
        using var response = await ingestion.SendAsync(request);

        // Then Ingestion accepts it, and Query serves it from the request log with its tokens and cost
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accepted").GetInt32());
        JsonElement? logged = null;
        await Eventually.UntilAsync(async () => (logged = await LoggedAsync(feature)) is not null, TimeSpan.FromSeconds(60), "the record reaches the request log");
        var row = logged!.Value;
        Assert.Equal(requestId, row.GetProperty("requestId").GetString());
        Assert.Equal((1000L, 200L, 500L), (row.GetProperty("inputTokens").GetInt64(), row.GetProperty("cachedInputTokens").GetInt64(), row.GetProperty("outputTokens").GetInt64()));
        var stored = await system.Store.FindIngestedAsync("system-tests", requestId);
        Assert.NotNull(stored);
        // Decimal travels as a string: a JSON number would be read as a double and lose cents.
        Assert.Equal(stored.Cost.TotalUsd, decimal.Parse(row.GetProperty("costUsd").GetString()!, CultureInfo.InvariantCulture));
        Assert.True(stored.Cost.TotalUsd > 0m, "gpt-4o has a price: the call is priced, never $0");
    }

    private async Task<JsonElement?> LoggedAsync(string feature)
    {
        var data = await system.DataAsync(
            "query($features: [String!]) { usageLog(filter: { features: $features }, first: 5) { edges { node { requestId inputTokens cachedInputTokens outputTokens costUsd } } } }",
            new { features = new[] { feature } });
        var edges = data.GetProperty("usageLog").GetProperty("edges");
        return edges.GetArrayLength() == 1 ? edges[0].GetProperty("node") : null;
    }
}
