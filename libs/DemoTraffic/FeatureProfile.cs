namespace TokenOptimizer.DemoTraffic;

/// <summary>How a product feature calls LLMs in the demo: who owns it, its prompt sizes and which models it uses.</summary>
/// <param name="Feature">The feature tag.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Weight">Relative share of requests.</param>
/// <param name="MedianInputTokens">Typical prompt length.</param>
/// <param name="MedianOutputTokens">Typical completion length.</param>
/// <param name="CachedShare">Fraction of the prompt usually served from cache, when the model caches.</param>
/// <param name="StreamingShare">Fraction of calls that stream.</param>
/// <param name="Models">The models (by name) this feature uses.</param>
/// <param name="Capabilities">What its calls need beyond text (<c>UsageRecorded.Capabilities</c>); null: not stated.</param>
public sealed record FeatureProfile(
    string Feature,
    string Team,
    double Weight,
    double MedianInputTokens,
    double MedianOutputTokens,
    double CachedShare,
    double StreamingShare,
    IReadOnlyList<string> Models,
    IReadOnlyList<string>? Capabilities = null);
