using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>The shape rules of a price; property names are reported as on the wire.</summary>
public sealed class SetModelPriceValidator : AbstractValidator<SetModelPrice>
{
    public const int NoteMaxLength = 500;

    /// <summary>Usage before this is refused at ingestion, so no price can matter before it.</summary>
    public static readonly DateTimeOffset EarliestEffectiveFrom = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far ahead a price may be announced.</summary>
    public static readonly TimeSpan MaxLeadTime = TimeSpan.FromDays(366);

    public SetModelPriceValidator(TimeProvider clock)
    {
        // Bounded as usage records bound the model and provider they price.
        RuleFor(p => p.Model).NotEmpty().IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);
        RuleFor(p => p.Provider).IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);
        RuleFor(p => p.EffectiveFrom).NotNull().IsAnEffectiveDate(clock);

        RuleFor(p => p.InputPerMillionTokens).NotNull().IsARatePerMillionTokens();
        RuleFor(p => p.OutputPerMillionTokens).NotNull().IsARatePerMillionTokens();
        RuleFor(p => p.CachedInputPerMillionTokens).IsARatePerMillionTokens();
        RuleFor(p => p.CacheWritePerMillionTokens).IsARatePerMillionTokens();
        RuleFor(p => p.ReasoningPerMillionTokens).IsARatePerMillionTokens();
        RuleFor(p => p.Above200k).SetValidator(new RatesPerMillionTokensValidator()!);
        RuleFor(p => p.Batch).SetValidator(new RatesPerMillionTokensValidator()!);
        RuleFor(p => p.Flex).SetValidator(new RatesPerMillionTokensValidator()!);
        RuleFor(p => p.Priority).SetValidator(new RatesPerMillionTokensValidator()!);
        RuleFor(p => p.Note).IsStorableText(NoteMaxLength, NoteMaxLength * 3, allowLineBreaks: true);
    }
}
