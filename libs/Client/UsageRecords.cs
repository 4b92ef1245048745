using TokenOptimizer.Contracts;

namespace TokenOptimizer.Client;

/// <summary>Builds the <see cref="UsageRecorded"/> of one call, for code that calls an LLM SDK directly.</summary>
public static class UsageRecords
{
    /// <summary>
    /// A call that returned: its counts, latency and attribution, under a new request id. <paramref name="model"/> is the
    /// model asked for (e.g. a deployment name), <paramref name="responseModel"/> the one the response named, if any.
    /// </summary>
    public static UsageRecorded Succeeded(
        string provider, string model, TokenCounts counts, DateTimeOffset occurredAt, TimeSpan latency, CallAttribution? attribution = null,
        string? responseModel = null) =>
        New(provider, model, occurredAt, latency, attribution) with
        {
            Outcome = Outcomes.Succeeded,
            ResponseModel = responseModel,
            InputTokens = counts.Input,
            OutputTokens = counts.Output,
            CachedInputTokens = counts.CachedInput,
            CacheWriteTokens = counts.CacheWrite,
            CacheWriteOneHourTokens = counts.CacheWriteOneHour,
            ReasoningTokens = counts.Reasoning,
        };

    /// <summary>
    /// A call that threw <paramref name="error"/>; see <see cref="CallErrors.Classify"/> for how it is described, and
    /// for <paramref name="status"/>.
    /// </summary>
    public static UsageRecorded Failed(
        string provider, string model, Exception error, bool callerCancelled, DateTimeOffset occurredAt, TimeSpan latency, CallAttribution? attribution = null,
        int? status = null)
    {
        var (errorType, errorCode) = CallErrors.Classify(error, callerCancelled, status);
        return New(provider, model, occurredAt, latency, attribution) with
        {
            Outcome = Outcomes.Failed,
            ErrorType = errorType,
            ErrorCode = errorCode,
            ErrorMessage = error.GetType().Name,
        };
    }

    private static UsageRecorded New(string provider, string model, DateTimeOffset occurredAt, TimeSpan latency, CallAttribution? attribution) => new()
    {
        // Version 7: ids sort by time, which keeps the event log's index on them compact.
        RequestId = Guid.CreateVersion7(occurredAt).ToString("N"),
        OccurredAt = occurredAt,
        Provider = provider,
        Model = model,
        Outcome = Outcomes.Succeeded,
        LatencyMs = latency.TotalMilliseconds,
        Feature = attribution?.Feature,
        Team = attribution?.Team,
        Environment = attribution?.Environment,
        UserId = attribution?.UserId,
    };
}
