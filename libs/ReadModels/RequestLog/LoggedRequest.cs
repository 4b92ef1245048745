namespace TokenOptimizer.ReadModels;

/// <summary>One call as the request log (<see cref="RequestLogTable"/>) holds it. <see cref="CostUsd"/> is null when the call is unpriced, never $0.</summary>
public sealed record LoggedRequest
{
    public required string RequestId { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    /// <summary>The model the provider's response named, if reported.</summary>
    public string? ResponseModel { get; init; }

    public required string Feature { get; init; }

    public required string Team { get; init; }

    public required string Environment { get; init; }

    public required string UserId { get; init; }

    /// <summary>The producer's API key id (not a secret); empty when the call named none.</summary>
    public string ApiKeyId { get; init; } = "";

    public required string Outcome { get; init; }

    public string? ErrorType { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The provider's service tier as reported (null: standard).</summary>
    public string? ServiceTier { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required long CachedInputTokens { get; init; }

    public required long CacheWriteTokens { get; init; }

    /// <summary>The part of <see cref="CacheWriteTokens"/> written with a one-hour lifetime.</summary>
    public long CacheWriteOneHourTokens { get; init; }

    public required long ReasoningTokens { get; init; }

    public required double LatencyMs { get; init; }

    public double? TtftMs { get; init; }

    public required bool Streaming { get; init; }

    public decimal? CostUsd { get; init; }
}
