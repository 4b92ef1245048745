using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>The shape rules of an alias, as for a price (<see cref="SetModelPriceValidator"/>); property names are reported as on the wire.</summary>
public sealed class SetModelAliasValidator : AbstractValidator<SetModelAlias>
{
    public SetModelAliasValidator(TimeProvider clock)
    {
        // Bounded as usage records bound the model and provider they name.
        RuleFor(a => a.Alias).NotEmpty().IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);
        RuleFor(a => a.Model).NotEmpty().IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes)
            .Must((a, model) => !string.Equals(a.Alias?.Trim(), model?.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("'model' must differ from 'alias': an alias names another model.");
        RuleFor(a => a.Provider).IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);
        RuleFor(a => a.EffectiveFrom).NotNull().IsAnEffectiveDate(clock);
        RuleFor(a => a.Note).IsStorableText(SetModelPriceValidator.NoteMaxLength, SetModelPriceValidator.NoteMaxLength * 3, allowLineBreaks: true);
    }
}
