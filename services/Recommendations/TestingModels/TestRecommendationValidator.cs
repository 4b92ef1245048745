using FluentValidation;

namespace TokenOptimizer.Recommendations.TestingModels;

public sealed class TestRecommendationValidator : AbstractValidator<TestRecommendation>
{
    /// <summary>Longest prompt, in characters: far past any context window's worth of a test prompt.</summary>
    public const int PromptMaxLength = 100_000;

    public TestRecommendationValidator()
    {
        RuleFor(t => t.Prompts)
            .Must(prompts => prompts is { Count: > 0 and <= ModelTestRunner.MaxPrompts })
            .WithMessage($"'prompts' must hold 1 to {ModelTestRunner.MaxPrompts} prompts.")
            .Must(prompts => prompts is null || prompts.All(p => !string.IsNullOrWhiteSpace(p) && p.Length <= PromptMaxLength))
            .WithMessage($"'prompts' may not hold an empty prompt, nor one over {PromptMaxLength:0,0} characters.");
        RuleFor(t => t.CallTimeoutSeconds)
            .Must(seconds => seconds is null || (seconds > 0 && seconds <= ChatEndpoints.MaxCallDuration.TotalSeconds))
            .WithMessage($"'callTimeoutSeconds' must be above 0 and at most {ChatEndpoints.MaxCallDuration.TotalSeconds:0}.");
    }
}
