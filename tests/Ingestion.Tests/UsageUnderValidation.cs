using TokenOptimizer.Contracts;
using TokenOptimizer.Ingestion.RecordingUsage;

namespace TokenOptimizer.Ingestion.Tests;

/// <summary>A valid record to vary, and the errors the validator names for a record, by field as on the wire.</summary>
internal static class UsageUnderValidation
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static readonly UsageRecordedValidator Validator = Create();

    public static UsageRecorded Valid() => new()
    {
        RequestId = "req-1",
        OccurredAt = Now.AddMinutes(-1),
        Provider = "openai",
        Model = "gpt-4o",
        InputTokens = 1000,
        CachedInputTokens = 200,
        CacheWriteTokens = 100,
        OutputTokens = 300,
        ReasoningTokens = 50,
        LatencyMs = 850,
        Outcome = Outcomes.Succeeded,
    };

    public static Dictionary<string, string[]> ErrorsOf(UsageRecorded record) => TokenOptimizer.Access.Http.WireNames.ErrorsOf(Validator.Validate(record).Errors);

    private static UsageRecordedValidator Create()
    {
        UsageFieldNames.UseWireNamesInMessages();
        return new UsageRecordedValidator(new FixedClock(Now));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
