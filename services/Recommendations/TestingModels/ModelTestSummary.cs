namespace TokenOptimizer.Recommendations.TestingModels;

/// <param name="MeanAgreement">Mean <see cref="PromptComparison.Agreement"/> over the prompts both models answered; null if there are none.</param>
/// <param name="ComparedPrompts">How many prompts both models answered.</param>
public sealed record ModelTestSummary(ModelSideSummary Current, ModelSideSummary Candidate, double? MeanAgreement, int ComparedPrompts)
{
    public static ModelTestSummary Of(ModelUnderTest current, ModelUnderTest candidate, IReadOnlyList<PromptComparison> prompts)
    {
        var agreements = prompts.Where(p => p.Agreement is not null).Select(p => p.Agreement!.Value).ToList();
        return new ModelTestSummary(
            ModelSideSummary.Of(current, [.. prompts.Select(p => p.Current)]),
            ModelSideSummary.Of(candidate, [.. prompts.Select(p => p.Candidate)]),
            agreements.Count == 0 ? null : agreements.Average(),
            agreements.Count);
    }
}
