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
        JsonElement advice = default;
        await Eventually.UntilAsync(async () =>
        {
            advice = (await host.Http.GetFromJsonAsync<JsonElement>("/v1/recommendations")).EnumerateArray()
                .FirstOrDefault(r => r.GetProperty("suggestion").GetProperty("feature").GetString() == "sudden");
            return advice.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(30), "a material change in usage should recompute the advice");

        // And, half a minute of traffic being all there is, its month is scaled from the shortest span observed (15 minutes)
        var suggestion = advice.GetProperty("suggestion");
        Assert.Equal(Math.Round(15m / 1440, 6), suggestion.GetProperty("evidence").GetProperty("observed_days").GetDecimal());
        var evidence = suggestion.GetProperty("evidence");
        Assert.Equal(Monthly.Of(evidence.GetProperty("current_cost_usd").GetDecimal() - evidence.GetProperty("candidate_cost_usd").GetDecimal(), suggestion),
            suggestion.GetProperty("monthlySavingUsd").GetDecimal());
    }
}
