namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>One rate an import changes, USD per million tokens; null where the price states none.</summary>
/// <param name="Tier"><c>standard</c>, <c>above200k</c>, <c>above128k</c>, <c>batch</c>, <c>flex</c> or <c>priority</c>.</param>
/// <param name="Rate"><c>input</c>, <c>output</c>, <c>cacheRead</c>, <c>cacheWrite</c>, <c>cacheWriteOneHour</c> or <c>reasoning</c>.</param>
public sealed record RateChange(string Tier, string Rate, decimal? PreviousPerMillionTokensUsd, decimal? CurrentPerMillionTokensUsd);
