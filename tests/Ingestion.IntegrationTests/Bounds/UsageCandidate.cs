using System.Globalization;
using System.Text;

namespace TokenOptimizer.Ingestion.IntegrationTests.Bounds;

/// <summary>
/// A usage record as a producer might send it, inside or beyond any bound, written to JSON by hand: a serializer would
/// replace an unpaired surrogate and could not write NaN, and this must send exactly what it holds.
/// </summary>
internal sealed record UsageCandidate
{
    public required string RequestId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public string? Provider { get; init; }
    public string? Model { get; init; }
    public string? Feature { get; init; }
    public string? Team { get; init; }
    public string? Environment { get; init; }
    public string? UserId { get; init; }
    public long InputTokens { get; init; }
    public long OutputTokens { get; init; }
    public long CachedInputTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long ReasoningTokens { get; init; }
    public long? EstimatedInputTokens { get; init; }
    public double LatencyMs { get; init; }
    public double? TimeToFirstTokenMs { get; init; }
    public bool Streaming { get; init; }
    public string? Outcome { get; init; }
    public string? ErrorType { get; init; }
    public string? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }
    public string? ServiceTier { get; init; }
    public decimal? ReportedCostUsd { get; init; }
    public decimal? BilledAmountUsd { get; init; }
    public IReadOnlyList<string>? Capabilities { get; init; }
    public IReadOnlyList<KeyValuePair<string, string?>>? Tags { get; init; }

    /// <summary>A field whose value is sent as this raw JSON instead, one no reader takes for its type (<c>"NaN"</c>, 2^63).</summary>
    public (string Field, string Json)? Unreadable { get; init; }

    public string ToJson()
    {
        var fields = new List<(string Name, string? Json)>
        {
            ("requestId", Text(RequestId)),
            ("occurredAt", Text(OccurredAt.ToString("O", CultureInfo.InvariantCulture))),
            ("provider", Text(Provider)), ("model", Text(Model)), ("feature", Text(Feature)), ("team", Text(Team)),
            ("environment", Text(Environment)), ("userId", Text(UserId)),
            ("inputTokens", Number(InputTokens)), ("outputTokens", Number(OutputTokens)), ("cachedInputTokens", Number(CachedInputTokens)),
            ("cacheWriteTokens", Number(CacheWriteTokens)), ("reasoningTokens", Number(ReasoningTokens)), ("estimatedInputTokens", Number(EstimatedInputTokens)),
            ("latencyMs", Number(LatencyMs)), ("timeToFirstTokenMs", Number(TimeToFirstTokenMs)), ("streaming", Streaming ? "true" : "false"),
            ("outcome", Text(Outcome)), ("errorType", Text(ErrorType)), ("errorCode", Text(ErrorCode)), ("errorMessage", Text(ErrorMessage)),
            ("serviceTier", Text(ServiceTier)), ("reportedCostUsd", Number(ReportedCostUsd)), ("billedAmountUsd", Number(BilledAmountUsd)),
            ("capabilities", Capabilities is null ? null : $"[{string.Join(",", Capabilities.Select(Text))}]"),
            ("tags", Tags is null ? null : $"{{{string.Join(",", Tags.Select(t => Text(t.Key) + ":" + (Text(t.Value) ?? "null")))}}}"),
        };
        var json = fields
            .Select(f => Unreadable is { } raw && raw.Field == f.Name ? (f.Name, raw.Json) : f)
            .Where(f => f.Json is not null)
            .Select(f => $"\"{f.Name}\":{f.Json}");
        return "{" + string.Join(",", json) + "}";
    }

    // What no JSON number can say is sent as producers send it: "NaN" and "-Infinity" as strings, +∞ as 1e400.
    private static string? Number(IFormattable? value) => value switch
    {
        double.NaN => "\"NaN\"",
        double.PositiveInfinity => "1e400",
        double.NegativeInfinity => "\"-Infinity\"",
        _ => value?.ToString(value is double ? "R" : null, CultureInfo.InvariantCulture),
    };

    private static string? Text(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var json = new StringBuilder("\"");
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]);
            if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (char.IsControl(c) || (char.IsSurrogate(c) && !paired))
            {
                json.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                json.Append(c);
                if (paired)
                {
                    json.Append(value[++i]);
                }
            }
        }

        return json.Append('"').ToString();
    }
}
