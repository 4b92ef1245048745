using System.Net.Http.Json;
using System.Text.Json;
using TokenOptimizer.Contracts;
using TokenOptimizer.Testing;
using Xunit;

namespace TokenOptimizer.Recommendations.IntegrationTests;

/// <summary>A host that checks the request log every 200 ms and recomputes only on a material change in usage.</summary>
public sealed class AutoRecomputingHost : RecommendationsHost
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Recommendations:RecomputeInterval"] = "1.00:00:00",
        ["Recommendations:ChangeCheckInterval"] = "00:00:00.200",
    };
}

public sealed class RecomputingOnChange(AutoRecomputingHost host) : IClassFixture<AutoRecomputingHost>
{
    [Fact]
    public async Task NewTraffic_IsAdvisedOnWithoutWaitingForTheSchedule()
    {
        // Given a service whose scheduled recomputation is a day away
        // When enough new calls arrive to change the usage materially
        await host.FeedAsync(Enumerable.Range(0, 30).Select(i => TestUsage.Ingested(new UsageRecorded
        {
            RequestId = $"sudden-{i}", OccurredAt = DateTimeOffset.UtcNow.AddSeconds(-30 + i), Provider = "openai", Model = "gpt-4o", Feature = "sudden",
            InputTokens = 400, OutputTokens = 40, LatencyMs = 500, Streaming = true, Outcome = Outcomes.Succeeded,
        })));

        // Then advice for it appears on its own
        await Eventually.UntilAsync(async () =>
            (await host.Http.GetFromJsonAsync<JsonElement>("/v1/recommendations")).EnumerateArray()
                .Any(r => r.GetProperty("suggestion").GetProperty("feature").GetString() == "sudden"),
            TimeSpan.FromSeconds(30), "a material change in usage should recompute the advice");
    }
}
