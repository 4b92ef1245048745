using System.Linq.Expressions;
using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Ingestion.RecordingUsage;

/// <summary>
/// The rules every usage record must meet, from any entry point (HTTP, OTLP, the bus): the contract's bounds
/// (<see cref="UsageLimits"/>), so that whatever is accepted can be stored and rolled up. Property names are reported
/// in the wire's camelCase so a producer can find the field it sent.
/// </summary>
public sealed class UsageRecordedValidator : AbstractValidator<UsageRecorded>
{
    private static readonly DateTimeOffset EarliestOccurredAt = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public UsageRecordedValidator(TimeProvider clock)
    {
        RuleFor(r => r.RequestId).NotEmpty();
        Identifier(r => r.RequestId);
        RuleFor(r => r.OccurredAt)
            .Must(at => at >= EarliestOccurredAt).WithMessage("'occurredAt' is missing or before 2000-01-01.")
            .Must(at => at <= clock.GetUtcNow() + UsageLimits.MaxClockSkew)
            .WithMessage($"'occurredAt' is more than {UsageLimits.MaxClockSkew.TotalMinutes:0} minutes in the future.");
        RuleFor(r => r.Provider).NotEmpty();
        Identifier(r => r.Provider);
        RuleFor(r => r.Model).NotEmpty();
        Identifier(r => r.Model);
        Identifier(r => r.ResponseModel);
        Identifier(r => r.Feature);
        Identifier(r => r.Team);
        Identifier(r => r.Environment);
        Identifier(r => r.UserId);
        Identifier(r => r.ApiKeyId);

        RuleFor(r => r.InputTokens).Must(IsTokenCount).WithMessage(TokenCountMessage);
        RuleFor(r => r.OutputTokens).Must(IsTokenCount).WithMessage(TokenCountMessage);
        RuleFor(r => r.CachedInputTokens).Must(IsTokenCount).WithMessage(TokenCountMessage);
        RuleFor(r => r.CacheWriteTokens).Must(IsTokenCount).WithMessage(TokenCountMessage);
        RuleFor(r => r.CacheWriteOneHourTokens).Must(IsTokenCount).WithMessage(TokenCountMessage);
        RuleFor(r => r.ReasoningTokens).Must(IsTokenCount).WithMessage(TokenCountMessage);
        // Subtraction of bounded, non-negative counts: the sum of the parts could overflow, this cannot.
        RuleFor(r => r.CachedInputTokens)
            .Must((r, cached) => cached <= r.InputTokens && r.CacheWriteTokens <= r.InputTokens - cached)
            .When(r => IsTokenCount(r.CachedInputTokens) && IsTokenCount(r.CacheWriteTokens) && IsTokenCount(r.InputTokens))
            .WithMessage("'cachedInputTokens' + 'cacheWriteTokens' exceed 'inputTokens': inputTokens is the whole prompt, cache reads and writes included.");
        RuleFor(r => r.CacheWriteOneHourTokens)
            .Must((r, oneHour) => oneHour <= r.CacheWriteTokens)
            .When(r => IsTokenCount(r.CacheWriteOneHourTokens) && IsTokenCount(r.CacheWriteTokens))
            .WithMessage("'cacheWriteOneHourTokens' exceed 'cacheWriteTokens': cacheWriteTokens is every cache write, one-hour ones included.");
        RuleFor(r => r.ReasoningTokens)
            .Must((r, reasoning) => reasoning <= r.OutputTokens)
            .When(r => IsTokenCount(r.ReasoningTokens) && IsTokenCount(r.OutputTokens))
            .WithMessage("'reasoningTokens' exceed 'outputTokens': outputTokens is the whole completion, reasoning included.");
        RuleFor(r => r.EstimatedInputTokens)
            .Must(estimated => estimated is null || IsTokenCount(estimated.Value))
            .WithMessage(TokenCountMessage);

        RuleFor(r => r.LatencyMs).Must(IsDuration).WithMessage(DurationMessage);
        RuleFor(r => r.TimeToFirstTokenMs).Must(ms => ms is null || IsDuration(ms.Value)).WithMessage(DurationMessage);

        RuleFor(r => r.Outcome).NotEmpty().Must(Outcomes.All.Contains)
            .WithMessage($"'outcome' must be one of: {string.Join(", ", Outcomes.All)}.");
        RuleFor(r => r.ErrorType).Must(type => type is null || ErrorTypes.All.Contains(type))
            .WithMessage($"'errorType' must be one of: {string.Join(", ", ErrorTypes.All)}.");
        Identifier(r => r.ErrorCode);
        RuleFor(r => r.ErrorMessage).IsStorableText(UsageLimits.ErrorMessageMaxLength, UsageLimits.ErrorMessageMaxBytes, allowLineBreaks: true);
        RuleFor(r => r.ServiceTier).Must(tier => tier is null || ServiceTiers.All.Contains(tier))
            .WithMessage($"'serviceTier' must be one of: {string.Join(", ", ServiceTiers.All)}.");

        RuleFor(r => r.Capabilities)
            .Must(capabilities => capabilities is null || capabilities.Count <= UsageLimits.MaxCapabilities)
            .WithMessage($"'capabilities' has more than {UsageLimits.MaxCapabilities} entries.")
            .Must(capabilities => capabilities is null || capabilities.All(CallCapabilities.All.Contains))
            .WithMessage($"'capabilities' may only hold: {string.Join(", ", CallCapabilities.All)}.");

        RuleFor(r => r.ReportedCostUsd).Must(IsAmount).WithMessage(AmountMessage);
        RuleFor(r => r.BilledAmountUsd).Must(IsAmount).WithMessage(AmountMessage);

        RuleFor(r => r.Tags)
            .Must(tags => tags is null || tags.Count <= UsageLimits.MaxTags)
            .WithMessage($"'tags' has more than {UsageLimits.MaxTags} entries.")
            .Custom((tags, context) =>
            {
                if (tags is not null && tags.Select(TagProblem).FirstOrDefault(p => p is not null) is { } problem)
                {
                    context.AddFailure($"'tags' {problem}");
                }
            });
    }

    private static readonly string TokenCountMessage = Invariant(
        $"'{{PropertyName}}' must be a whole number of tokens from 0 to {UsageLimits.MaxTokens:N0}.");

    private static readonly string DurationMessage = Invariant(
        $"'{{PropertyName}}' must be a finite number of milliseconds from 0 to {UsageLimits.MaxLatencyMs:N0} (a week).");

    private static readonly string AmountMessage = Invariant(
        $"'{{PropertyName}}' must be an amount in USD from 0 to {UsageLimits.MaxAmountUsd:N0} with at most {UsageLimits.MaxAmountDecimalPlaces} decimal places.");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private void Identifier(Expression<Func<UsageRecorded, string?>> field) =>
        RuleFor(field).IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);

    private static bool IsTokenCount(long count) => count is >= 0 and <= UsageLimits.MaxTokens;

    private static bool IsDuration(double milliseconds) => double.IsFinite(milliseconds) && milliseconds is >= 0 and <= UsageLimits.MaxLatencyMs;

    private static bool IsAmount(decimal? amount) =>
        amount is not { } value || (value is >= 0 and <= UsageLimits.MaxAmountUsd && decimal.Round(value, UsageLimits.MaxAmountDecimalPlaces) == value);

    private static string? TagProblem(KeyValuePair<string, string> tag) =>
        tag.Key.Length == 0 ? "has an empty key."
        : StorableText.Problem(tag.Key, UsageLimits.TagMaxLength, UsageLimits.TagMaxBytes) is { } key ? $"key '{Shown(tag.Key)}' {key}"
        : tag.Value is not null && StorableText.Problem(tag.Value, UsageLimits.TagMaxLength, UsageLimits.TagMaxBytes) is { } value ? $"value of '{Shown(tag.Key)}' {value}"
        : null;

    // Enough of a key to find it, never a control character in the answer.
    private static string Shown(string key) => new([.. key.Take(40).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c)]);
}
