using TokenOptimizer.Catalog;

namespace TokenOptimizer.Recommendations;

/// <summary><c>Recommendations</c> configuration: how advice is computed and how often.</summary>
public sealed class RecommendationsOptions
{
    public const string Section = "Recommendations";

    /// <summary>
    /// The usage a recommendation is computed from: this long, up to now. Savings are scaled to 30 days from the part of
    /// it that holds traffic (from the first call in it).
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Fewer calls than this for a (feature, model) pair say too little to advise on.</summary>
    public int MinimumRequests { get; set; } = 10;

    /// <summary>The most a candidate's quality score (0–100) may fall below the current model's for the feature's task kind.</summary>
    public double MaxQualityDrop { get; set; } = 5;

    /// <summary>Candidates suggested per (feature, model), cheapest saving first.</summary>
    public int CandidatesPerModel { get; set; } = 3;

    /// <summary>The share of input tokens a prompt-caching recommendation assumes the cache would serve.</summary>
    public decimal CachingTargetShare { get; set; } = 0.5m;

    /// <summary>Prompts shorter than this on average are not worth caching (providers cache from about 1,024 tokens).</summary>
    public int CachingMinimumPromptTokens { get; set; } = 1_024;

    /// <summary>Calls that fail at least this often (0–1) make a failure-waste recommendation.</summary>
    public double FailureRateThreshold { get; set; } = 0.02;

    /// <summary>How often recommendations are recomputed and savings measured, at the least.</summary>
    public TimeSpan RecomputeInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often the request log is checked for a material change in usage: calls recorded since the last computation
    /// of at least <see cref="MaterialChange"/> of the window's calls then (and at least <see cref="MinimumRequests"/>)
    /// recompute at once rather than at the next interval.
    /// </summary>
    public TimeSpan ChangeCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A recomputed saving that moved by more than this share (0–1) revises the recommendation.</summary>
    public decimal MaterialChange { get; set; } = 0.1m;

    /// <summary>Per feature: its task kind (for quality) and whether its traffic tolerates batch latency.</summary>
    public Dictionary<string, FeatureSettings> Features { get; set; } = new(StringComparer.Ordinal);

    public string TaskKindOf(string feature) =>
        Features.TryGetValue(feature, out var settings) && TaskKinds.Normalize(settings.TaskKind) is { } kind ? kind : TaskKinds.General;
}

/// <summary>What an operator says about one feature.</summary>
public sealed class FeatureSettings
{
    /// <summary>One of the catalog's task kinds; <c>general</c> when absent.</summary>
    public string? TaskKind { get; set; }

    /// <summary>True: results may arrive hours later (batch APIs); false: never; absent: inferred from the traffic.</summary>
    public bool? LatencyTolerant { get; set; }
}
