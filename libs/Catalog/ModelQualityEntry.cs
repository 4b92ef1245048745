namespace TokenOptimizer.Catalog;

/// <summary>The quality data of one catalog key: its family, its tier and a score per task kind.</summary>
public sealed record ModelQualityEntry
{
    /// <summary>The price catalog key the entry describes, e.g. <c>gpt-4o</c> or <c>gemini/gemini-2.5-flash</c>.</summary>
    public required string Key { get; init; }

    /// <summary>
    /// The line of models the provider released together, e.g. <c>gpt-4o</c> (for <c>gpt-4o</c> and
    /// <c>gpt-4o-mini</c>) or <c>claude-3.5</c>; moving within a family changes the size, not the generation.
    /// </summary>
    public required string Family { get; init; }

    /// <summary>
    /// The model's place in its provider's line-up the scores were estimated from (the shipped data uses
    /// <c>flagship</c>, <c>large</c>, <c>mid</c>, <c>small</c>); <see langword="null"/> if the data states none.
    /// </summary>
    public string? Tier { get; init; }

    /// <summary>The score per task kind (keys are <see cref="TaskKinds"/> values); kinds the data does not score are absent.</summary>
    public required IReadOnlyDictionary<string, QualityScore> Scores { get; init; }
}
