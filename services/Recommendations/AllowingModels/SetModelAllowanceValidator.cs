using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Recommendations.AllowingModels;

public sealed class SetModelAllowanceValidator : AbstractValidator<SetModelAllowance>
{
    public SetModelAllowanceValidator()
    {
        RuleFor(a => a.Model).NotEmpty().WithMessage("'model' (a catalog key, e.g. gemini/gemini-2.5-flash) is required.")
            .IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);
        RuleFor(a => a.Allowed).NotNull().WithMessage("'allowed' (true or false) is required.");
    }
}
