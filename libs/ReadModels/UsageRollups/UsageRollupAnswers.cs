namespace TokenOptimizer.ReadModels;

/// <summary>A slice's totals. <see cref="Latency"/> is empty unless asked for (merging sketches is the costly part).</summary>
public sealed record UsageTotals(
    long Requests, long Successes, long InputTokens, long OutputTokens, long CachedInputTokens, long ReasoningTokens,
    long PricedRequests, long UnpricedRequests, decimal CostUsd, LatencySketch Latency, RevenueSums Revenue);

/// <summary>The cost and volume of one value of a split; averages divide by <see cref="PricedRequests"/>.</summary>
public sealed record CostSums(long Requests, long InputTokens, long OutputTokens, long PricedRequests, long UnpricedRequests, decimal CostUsd);

/// <summary>
/// One bucket of a series (for one value of the split, when split: <see cref="Key"/>). An edge bucket only partly
/// inside the range holds that part, and <see cref="CoveredSeconds"/> says how long it is.
/// </summary>
public sealed record SeriesBucket(
    DateTimeOffset BucketStart, string? Key, long Requests, long Failures, long InputTokens, long OutputTokens, decimal CostUsd,
    LatencySketch Latency, double CoveredSeconds, RevenueSums Revenue);

/// <summary>The merged latency and time-to-first-token sketches of one value of a split.</summary>
public sealed record LatencyByKey(string Key, long Requests, LatencySketch Latency, LatencySketch TimeToFirstToken);

/// <summary>One provider and model's calls and failures, with the failures per error type in <see cref="UsageRollupTables.ErrorTypes"/> order.</summary>
public sealed record FailureCounts(string Provider, string Model, long Requests, long Failures, IReadOnlyList<long> ByErrorType);

/// <summary>
/// One model's tokens, the calls that sent a prompt-size estimate (with the estimates, the actual sizes and the summed
/// absolute error), and its calls per prompt-length bucket in <see cref="UsageRollupTables.PromptLengthBuckets"/> order.
/// </summary>
public sealed record ModelTokenSums(
    string Model, long InputTokens, long OutputTokens, long EstimatedCalls, long EstimatedInputTokens, long ActualInputTokens, long AbsoluteErrorTokens,
    IReadOnlyList<long> PromptLengths);

/// <summary>One UTC day's cost and revenue of one provider, model and team (the day cut to the slice at its edges).</summary>
public sealed record DailyCost(
    DateTime Day, string Provider, string Model, string Team, long Requests, long InputTokens, long OutputTokens, long UnpricedRequests, decimal CostUsd,
    RevenueSums Revenue);

/// <summary>One provider's calls over a period: all failures, those the provider caused, and the merged latency.</summary>
public sealed record ProviderPeriodTotals(string Provider, long Requests, long Failures, long ProviderFailures, LatencySketch Latency);

/// <summary>
/// One provider, model, feature and team's totals over a slice: calls, failures, tokens by kind, cost and (when asked
/// for) the merged latency sketch.
/// </summary>
public sealed record UsageCellTotals(
    string Provider, string Model, string Feature, string Team, long Requests, long Failures,
    long InputTokens, long OutputTokens, long CachedInputTokens, long CacheWriteTokens, long ReasoningTokens, decimal CostUsd, LatencySketch Latency);
