using FluentValidation;

namespace TokenOptimizer.Recommendations.Lifecycle;

public sealed class SnoozeRecommendationValidator : AbstractValidator<SnoozeRecommendation>
{
    /// <summary>The longest snooze: past a year, dismiss it instead.</summary>
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(366);

    public SnoozeRecommendationValidator(TimeProvider clock) =>
        RuleFor(s => s.Until)
            .Must(until => until > clock.GetUtcNow() && until <= clock.GetUtcNow() + MaxSnooze)
            .WithMessage("'until' must be a time in the future, at most a year ahead.");
}
