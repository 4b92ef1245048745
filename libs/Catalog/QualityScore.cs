namespace TokenOptimizer.Catalog;

/// <summary>How well a model does one kind of task, and where that judgement comes from.</summary>
/// <param name="Score">0 (useless) to 100 (as good as any model); comparable only with other scores of the same data.</param>
/// <param name="Source">
/// Where the score comes from, e.g. the shipped tier estimate or "our eval 2026-10, 200 support tickets".
/// Shown beside any recommendation that relies on the score.
/// </param>
public sealed record QualityScore(int Score, string Source);
