using FluentValidation;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>A tier's rates (batch, above 200k, …): valid rates, and at least one of them.</summary>
public sealed class RatesPerMillionTokensValidator : AbstractValidator<RatesPerMillionTokens>
{
    public RatesPerMillionTokensValidator()
    {
        RuleFor(r => r.InputPerMillionTokens).IsARatePerMillionTokens();
        RuleFor(r => r.OutputPerMillionTokens).IsARatePerMillionTokens();
        RuleFor(r => r.CachedInputPerMillionTokens).IsARatePerMillionTokens();
        RuleFor(r => r.CacheWritePerMillionTokens).IsARatePerMillionTokens();
        RuleFor(r => r.ReasoningPerMillionTokens).IsARatePerMillionTokens();
        RuleFor(r => r)
            .Must(r => r.InputPerMillionTokens is not null || r.OutputPerMillionTokens is not null || r.CachedInputPerMillionTokens is not null
                || r.CacheWritePerMillionTokens is not null || r.ReasoningPerMillionTokens is not null)
            .WithMessage("A tier needs at least one rate; leave the tier out to use the standard rates.");
    }
}
