using FluentValidation;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>What any rate per million tokens must be.</summary>
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
}
