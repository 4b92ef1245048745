using System.Text;

namespace TokenOptimizer.Ingestion.IntegrationTests.Bounds;

/// <summary>
/// The bounds as the contract documents them (README, <c>UsageLimits</c>), written out again here on purpose: an
/// independent statement of what must be refused, field by field, to hold the service's validator to.
/// </summary>
internal static class UsageBoundsSpec
{
    private const long MaxTokens = 1_000_000_000;
    private const double MaxLatencyMs = 604_800_000;
    private const decimal MaxAmountUsd = 1_000_000m;
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Outcomes = ["succeeded", "failed"];
    private static readonly string[] ErrorTypes = ["timeout", "rate_limit", "invalid_request", "server_error", "auth_error", "content_filter", "other"];
    private static readonly string[] ServiceTiers = ["standard", "batch", "flex", "priority"];
    private static readonly string[] Capabilities = ["vision", "tools", "json_schema"];

    /// <summary>The fields no JSON reader can take: a text with an unpaired surrogate, a raw value of the wrong kind.</summary>
    public static HashSet<string> Unreadable(UsageCandidate r)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, text) in Texts(r))
        {
            if (text is not null && HasUnpairedSurrogate(text))
            {
                fields.Add(field);
            }
        }

        if (r.Tags?.Any(t => HasUnpairedSurrogate(t.Key) || (t.Value is not null && HasUnpairedSurrogate(t.Value))) == true)
        {
            fields.Add("tags");
        }

        if (r.Unreadable is { } raw)
        {
            fields.Add(raw.Field);
        }

        return fields;
    }

    /// <summary>The fields a readable record breaks the bounds in, named as the wire names them.</summary>
    public static HashSet<string> Invalid(UsageCandidate r, DateTimeOffset now)
    {
        var invalid = new HashSet<string>(StringComparer.Ordinal);
        void Check(bool ok, string field)
        {
            if (!ok)
            {
                invalid.Add(field);
            }
        }

        Check(!string.IsNullOrWhiteSpace(r.RequestId) && Storable(r.RequestId, 200, 400), "requestId");
        Check(r.OccurredAt >= Earliest && r.OccurredAt <= now.AddMinutes(10), "occurredAt");
        Check(!string.IsNullOrWhiteSpace(r.Provider) && Storable(r.Provider, 200, 400), "provider");
        Check(!string.IsNullOrWhiteSpace(r.Model) && Storable(r.Model, 200, 400), "model");
        foreach (var (field, text) in new[] { ("feature", r.Feature), ("team", r.Team), ("environment", r.Environment), ("userId", r.UserId), ("errorCode", r.ErrorCode) })
        {
            Check(text is null || Storable(text, 200, 400), field);
        }

        Check(r.ErrorMessage is null || Storable(r.ErrorMessage, 1000, 3000, lineBreaks: true), "errorMessage");
        Check(Tokens(r.InputTokens), "inputTokens");
        Check(Tokens(r.OutputTokens), "outputTokens");
        Check(Tokens(r.CachedInputTokens), "cachedInputTokens");
        Check(Tokens(r.CacheWriteTokens), "cacheWriteTokens");
        Check(Tokens(r.ReasoningTokens), "reasoningTokens");
        if (Tokens(r.InputTokens) && Tokens(r.CachedInputTokens) && Tokens(r.CacheWriteTokens))
        {
            Check((decimal)r.CachedInputTokens + r.CacheWriteTokens <= r.InputTokens, "cachedInputTokens");
        }

        if (Tokens(r.OutputTokens) && Tokens(r.ReasoningTokens))
        {
            Check(r.ReasoningTokens <= r.OutputTokens, "reasoningTokens");
        }

        Check(r.EstimatedInputTokens is not { } estimated || Tokens(estimated), "estimatedInputTokens");
        Check(Duration(r.LatencyMs), "latencyMs");
        Check(r.TimeToFirstTokenMs is not { } ttft || Duration(ttft), "timeToFirstTokenMs");
        Check(r.Outcome is not null && Outcomes.Contains(r.Outcome), "outcome");
        Check(r.ErrorType is null || ErrorTypes.Contains(r.ErrorType), "errorType");
        Check(r.ServiceTier is null || ServiceTiers.Contains(r.ServiceTier), "serviceTier");
        Check(r.Capabilities is null || (r.Capabilities.Count <= 10 && r.Capabilities.All(Capabilities.Contains)), "capabilities");
        Check(Amount(r.ReportedCostUsd), "reportedCostUsd");
        Check(Amount(r.BilledAmountUsd), "billedAmountUsd");
        Check(r.Tags is null || (r.Tags.Count <= 20 && r.Tags.All(t => t.Key.Length > 0 && Storable(t.Key, 200, 400) && (t.Value is null || Storable(t.Value, 200, 400)))), "tags");
        return invalid;
    }

    private static IEnumerable<(string Field, string? Text)> Texts(UsageCandidate r) =>
    [
        ("requestId", r.RequestId), ("provider", r.Provider), ("model", r.Model), ("feature", r.Feature), ("team", r.Team),
        ("environment", r.Environment), ("userId", r.UserId), ("errorCode", r.ErrorCode), ("errorMessage", r.ErrorMessage),
    ];

    private static bool Tokens(long count) => count is >= 0 and <= MaxTokens;

    private static bool Duration(double ms) => !double.IsNaN(ms) && !double.IsInfinity(ms) && ms >= 0 && ms <= MaxLatencyMs;

    private static bool Amount(decimal? amount) => amount is not { } value || (value >= 0 && value <= MaxAmountUsd && Math.Round(value, 10) == value);

    // At most so many UTF-16 characters and UTF-8 bytes, and no control character (C0, DEL, C1).
    private static bool Storable(string text, int characters, int bytes, bool lineBreaks = false) =>
        text.Length <= characters
        && Encoding.UTF8.GetByteCount(text) <= bytes
        && !text.Any(c => (c < 0x20 || c is >= '\u007f' and <= '\u009f') && !(lineBreaks && c is '\t' or '\n' or '\r'));

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
