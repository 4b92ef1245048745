using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.IntegrationTests;

internal static class SampleUsage
{
    /// <summary>gpt-4o: 1,000 input tokens at $2.50/M and 500 output at $10/M: $0.0025 + $0.005 = $0.0075.</summary>
    public const decimal Gpt4oCostUsd = 0.0075m;

    public static UsageRecorded Gpt4o(string? requestId = null) => new()
    {
        RequestId = requestId ?? "req-" + Guid.NewGuid().ToString("N"),
        OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        Provider = "openai",
        Model = "gpt-4o",
        Feature = "support-chat",
        Team = "support",
        Environment = "production",
        InputTokens = 1000,
        OutputTokens = 500,
        LatencyMs = 812.5,
        Outcome = Outcomes.Succeeded,
    };
}
