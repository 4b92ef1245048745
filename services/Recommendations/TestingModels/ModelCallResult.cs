namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>One call of one prompt to one model. Holds neither the prompt nor the answer.</summary>
public sealed record ModelCallResult
{
    public required CallOutcome Outcome { get; init; }

    /// <summary>Set when <see cref="Outcome"/> is <see cref="CallOutcome.Failed"/>.</summary>
    public CallErrorKind? Error { get; init; }

    /// <summary>The status an endpoint answered with, for <see cref="CallErrorKind.HttpStatus"/>.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>When the call was sent; the price in force then is the one used.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Wall time from sending to the whole answer (or to the failure).</summary>
    public required double LatencyMs { get; init; }

    /// <summary>Prompt tokens as the response's usage reports them; null if it reports none.</summary>
    public long? InputTokens { get; init; }

    /// <summary>Completion tokens as the response's usage reports them; null if it reports none.</summary>
    public long? OutputTokens { get; init; }

    /// <summary>The call's cost in USD from the catalog; null when failed, without usage, or unpriced.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Why a succeeded call has no cost, e.g. <c>unknown model 'x' for provider 'y'</c>.</summary>
    public string? UnpricedReason { get; init; }
}
