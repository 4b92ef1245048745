using FluentValidation;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// The shape rules every usage record must meet, from any entry point. Property names are reported
/// in the wire's camelCase so a producer can find the field it sent.
/// </summary>
public sealed class UsageRecordedValidator : AbstractValidator<UsageRecorded>
{
    private static readonly DateTimeOffset EarliestOccurredAt = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public UsageRecordedValidator(TimeProvider clock)
    {
        RuleFor(r => r.RequestId).NotEmpty().MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.OccurredAt)
            .Must(at => at >= EarliestOccurredAt).WithMessage("'occurredAt' is missing or before 2000-01-01.")
            .Must(at => at <= clock.GetUtcNow() + UsageLimits.MaxClockSkew)
            .WithMessage($"'occurredAt' is more than {UsageLimits.MaxClockSkew.TotalMinutes:0} minutes in the future.");
        RuleFor(r => r.Provider).NotEmpty().MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.Model).NotEmpty().MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.Feature).MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.Team).MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.Environment).MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.UserId).MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.ApiKeyId).MaximumLength(UsageLimits.IdentifierMaxLength);

        RuleFor(r => r.InputTokens).GreaterThanOrEqualTo(0);
        RuleFor(r => r.OutputTokens).GreaterThanOrEqualTo(0);
        RuleFor(r => r.CachedInputTokens).GreaterThanOrEqualTo(0);
        RuleFor(r => r.CacheWriteTokens).GreaterThanOrEqualTo(0);
        RuleFor(r => r.ReasoningTokens).GreaterThanOrEqualTo(0);
        RuleFor(r => r.CachedInputTokens)
            .Must((r, cached) => cached + r.CacheWriteTokens <= r.InputTokens)
            .When(r => r.CachedInputTokens >= 0 && r.CacheWriteTokens >= 0 && r.InputTokens >= 0)
            .WithMessage("'cachedInputTokens' + 'cacheWriteTokens' exceed 'inputTokens': inputTokens is the whole prompt, cache reads and writes included.");
        RuleFor(r => r.ReasoningTokens)
            .Must((r, reasoning) => reasoning <= r.OutputTokens)
            .When(r => r.ReasoningTokens >= 0 && r.OutputTokens >= 0)
            .WithMessage("'reasoningTokens' exceed 'outputTokens': outputTokens is the whole completion, reasoning included.");
        RuleFor(r => r.EstimatedInputTokens).GreaterThanOrEqualTo(0);

        RuleFor(r => r.LatencyMs).Must(ms => double.IsFinite(ms) && ms >= 0).WithMessage("'latencyMs' must be a finite number of milliseconds, 0 or more.");
        RuleFor(r => r.TimeToFirstTokenMs)
            .Must(ms => ms is null || (double.IsFinite(ms.Value) && ms.Value >= 0))
            .WithMessage("'timeToFirstTokenMs' must be a finite number of milliseconds, 0 or more.");

        RuleFor(r => r.Outcome).NotEmpty().Must(Outcomes.All.Contains)
            .WithMessage($"'outcome' must be one of: {string.Join(", ", Outcomes.All)}.");
        RuleFor(r => r.ErrorType).Must(type => type is null || ErrorTypes.All.Contains(type))
            .WithMessage($"'errorType' must be one of: {string.Join(", ", ErrorTypes.All)}.");
        RuleFor(r => r.ErrorCode).MaximumLength(UsageLimits.IdentifierMaxLength);
        RuleFor(r => r.ErrorMessage).MaximumLength(UsageLimits.ErrorMessageMaxLength);
        RuleFor(r => r.ServiceTier).Must(tier => tier is null || ServiceTiers.All.Contains(tier))
            .WithMessage($"'serviceTier' must be one of: {string.Join(", ", ServiceTiers.All)}.");

        RuleFor(r => r.Capabilities).Must(capabilities => capabilities is null || capabilities.All(CallCapabilities.All.Contains))
            .WithMessage($"'capabilities' may only hold: {string.Join(", ", CallCapabilities.All)}.");

        RuleFor(r => r.ReportedCostUsd).GreaterThanOrEqualTo(0);
        RuleFor(r => r.BilledAmountUsd).GreaterThanOrEqualTo(0);

        RuleFor(r => r.Tags)
            .Must(tags => tags is null || tags.Count <= UsageLimits.MaxTags)
            .WithMessage($"'tags' has more than {UsageLimits.MaxTags} entries.")
            .Must(tags => tags is null || tags.All(t => t.Key.Length is > 0 and <= UsageLimits.TagMaxLength && (t.Value?.Length ?? 0) <= UsageLimits.TagMaxLength))
            .WithMessage($"'tags' keys must be 1 to {UsageLimits.TagMaxLength} characters and values at most {UsageLimits.TagMaxLength}.");
    }
}
