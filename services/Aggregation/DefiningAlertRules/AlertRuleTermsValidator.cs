using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.DefiningAlertRules;

/// <summary>The shape rules of a rule's terms (<c>POST /v1/alert-rules</c>, <c>PUT /v1/alert-rules/{id}</c>), each problem under the field's wire name.</summary>
public sealed class AlertRuleTermsValidator : AbstractValidator<AlertRuleTerms>
{
    /// <summary>Longest window: a week, as far back as the per-minute figures are kept besides the baseline.</summary>
    public const int MaxWindowMinutes = 7 * 24 * 60;

    public AlertRuleTermsValidator()
    {
        RuleFor(t => t.Name).NotEmpty().WithMessage("'name' is required.")
            .IsStorableText(BudgetTermsValidator.NameMaxLength, BudgetTermsValidator.NameMaxLength * 2);
        RuleFor(t => t.Metric).Must(AlertMetrics.Evaluated.Contains)
            .WithMessage($"'metric' must be one of: {string.Join(", ", AlertMetrics.Evaluated)}.");
        RuleFor(t => t.Scope).Must(scope => scope.Keys.All(AlertScope.Dimensions.Contains))
            .WithMessage($"'scope' may only name: {string.Join(", ", AlertScope.Dimensions)}.");
        RuleFor(t => t.Scope).Must(scope => scope.Values.All(v => v.Length is > 0 and <= UsageLimits.IdentifierMaxLength))
            .WithMessage($"'scope' values must be 1–{UsageLimits.IdentifierMaxLength} characters.");
        RuleFor(t => t.WindowMinutes).InclusiveBetween(1, MaxWindowMinutes)
            .WithMessage($"'windowMinutes' must be 1–{MaxWindowMinutes}.");
        RuleFor(t => t.Condition).Must(AlertConditions.All.Contains)
            .WithMessage($"'condition' must be one of: {string.Join(", ", AlertConditions.All)}.");
        RuleFor(t => t.Threshold).NotNull().When(t => t.Condition is AlertConditions.Above or AlertConditions.Below)
            .WithMessage("'threshold' is required for an above or below condition.");
        RuleFor(t => t.Threshold).Must(t => t is null || (t >= 0 && t <= BudgetTermsValidator.MaxAmountUsd))
            .WithMessage("'threshold' must be 0 or more.");
        RuleFor(t => t.Severity).Must(AlertSeverities.All.Contains)
            .WithMessage($"'severity' must be one of: {string.Join(", ", AlertSeverities.All)}.");
        RuleFor(t => t.Channels).Must(c => c.Count <= 10 && c.All(id => id.Length is > 0 and <= 100))
            .WithMessage("'channels' must hold at most 10 channel ids of 1–100 characters.");
        RuleFor(t => t.WebhookUrl)
            .Must(url => url is null || (url.Length <= BudgetTermsValidator.WebhookUrlMaxLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithMessage($"'webhookUrl' must be an absolute http(s) URL of at most {BudgetTermsValidator.WebhookUrlMaxLength} characters.");
    }
}
