using FluentValidation;
using TokenOptimizer.Access.Http;

namespace TokenOptimizer.Recommendations.Lifecycle;

public sealed class DismissRecommendationValidator : AbstractValidator<DismissRecommendation>
{
    public const int ReasonMaxLength = 1000;

    public DismissRecommendationValidator() =>
        RuleFor(d => d.Reason).IsStorableText(ReasonMaxLength, ReasonMaxLength * 3, allowLineBreaks: true);
}
