namespace TokenOptimizer.Recommendations.TestingModels;

/// <summary>
/// One prompt's calls to both models. <see cref="PromptIndex"/> is its position in
/// <see cref="RunModelTest.Prompts"/>; the prompt itself is not kept.
/// </summary>
/// <param name="Agreement"><see cref="OutputAgreement"/> of the two answers, 0–1; null unless both calls succeeded.</param>
public sealed record PromptComparison(int PromptIndex, ModelCallResult Current, ModelCallResult Candidate, double? Agreement);
