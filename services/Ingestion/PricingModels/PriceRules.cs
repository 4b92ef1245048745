using FluentValidation;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>What any rate per million tokens, and any date a price list change applies from, must be.</summary>
internal static class PriceRules
{
    /// <summary>Above any real rate card (the dearest models cost hundreds per million), so a price typed per thousand or per token stands out.</summary>
    public const decimal MaxPerMillionTokens = 10_000m;

    /// <summary>Digits after the point a rate may have: per token that is 16, well within <see langword="decimal"/>, so the division is exact.</summary>
    public const int MaxDecimalPlaces = 10;

    public static IRuleBuilderOptions<T, decimal?> IsARatePerMillionTokens<T>(this IRuleBuilder<T, decimal?> rule) => rule
        .Must(rate => rate is null || rate >= 0).WithMessage("'{PropertyName}' cannot be negative.")
        .Must(rate => rate is null || rate <= MaxPerMillionTokens)
        .WithMessage($"'{{PropertyName}}' is above ${MaxPerMillionTokens:0,0} per million tokens: rates are USD per million tokens.")
        .Must(rate => rate is null || rate.Value.Scale <= MaxDecimalPlaces)
        .WithMessage($"'{{PropertyName}}' has more than {MaxDecimalPlaces} decimal places.");

    /// <summary>From 2000 (no usage before it is accepted) to a year ahead; null passes (the caller says whether it is required).</summary>
    public static IRuleBuilderOptions<T, DateTimeOffset?> IsAnEffectiveDate<T>(this IRuleBuilder<T, DateTimeOffset?> rule, TimeProvider clock) => rule
        .Must(at => at is null || at >= SetModelPriceValidator.EarliestEffectiveFrom).WithMessage("'effectiveFrom' is before 2000-01-01.")
        .Must(at => at is null || at <= clock.GetUtcNow() + SetModelPriceValidator.MaxLeadTime).WithMessage("'effectiveFrom' is more than a year ahead.");
}
