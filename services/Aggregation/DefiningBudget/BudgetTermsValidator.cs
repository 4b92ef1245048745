using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>
/// The shape rules of a budget's terms (<c>POST /v1/budgets</c>, <c>PUT /v1/budgets/{id}</c>), each problem under the
/// field's wire name. Whether the budget exists is the decider's to say; everything else is said here.
/// </summary>
public sealed class BudgetTermsValidator : AbstractValidator<BudgetTerms>
{
    /// <summary>Longest budget name, in characters (and four times that in UTF-8 bytes).</summary>
    public const int NameMaxLength = 200;

    /// <summary>Largest amount: a trillion dollars, far above any budget, so a typo in the exponent stands out.</summary>
    public const decimal MaxAmountUsd = 1_000_000_000_000m;

    /// <summary>Most alert thresholds a budget has.</summary>
    public const int MaxThresholds = 10;

    /// <summary>Longest webhook URL.</summary>
    public const int WebhookUrlMaxLength = 2000;

    public BudgetTermsValidator()
    {
        RuleFor(t => t.Name).NotEmpty().WithMessage("'name' is required.")
            .IsStorableText(NameMaxLength, NameMaxLength * 2);
        RuleFor(t => t.ScopeKind).Must(BudgetScopes.All.Contains)
            .WithMessage($"'scopeKind' must be one of: {string.Join(", ", BudgetScopes.All)}.");
        RuleFor(t => t.ScopeValue)
            .NotEmpty().WithMessage(t => $"'scopeValue' is required for a {t.ScopeKind} budget: the {Covered(t.ScopeKind)} it covers.")
            .When(t => t.ScopeKind != BudgetScopes.Organization && BudgetScopes.All.Contains(t.ScopeKind));
        // Scope values are usage dimensions (a team, a model, a user id, an API key id): bounded as those are.
        RuleFor(t => t.ScopeValue).IsStorableText(UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes);
        RuleFor(t => t.AmountUsd)
            .Must(amount => amount > 0 && amount <= MaxAmountUsd && decimal.Round(amount, 10) == amount)
            .WithMessage($"'amountUsd' must be above 0 and at most {MaxAmountUsd:0,0} USD, with at most 10 decimal places.");
        RuleFor(t => t.Period).Must(BudgetPeriods.All.Contains)
            .WithMessage($"'period' must be one of: {string.Join(", ", BudgetPeriods.All)}.");
        RuleFor(t => t.ResetDay).InclusiveBetween(1, 28).When(t => t.Period == BudgetPeriods.Month)
            .WithMessage("'resetDay' must be 1–28 for a monthly budget.");
        RuleFor(t => t.ResetDay).InclusiveBetween(1, 7).When(t => t.Period == BudgetPeriods.Week)
            .WithMessage("'resetDay' must be 1 (Monday) – 7 (Sunday) for a weekly budget.");
        RuleFor(t => t.ThresholdsPercent)
            .Must(thresholds => thresholds is { Count: > 0 and <= MaxThresholds } && thresholds.All(t => t is > 0 and <= 1000 && decimal.Round(t, 4) == t))
            .WithMessage($"'thresholdsPercent' must hold 1 to {MaxThresholds} percentages above 0 and at most 1000.");
        RuleFor(t => t.WebhookUrl)
            .Must(url => url is null || (url.Length <= WebhookUrlMaxLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            .WithMessage($"'webhookUrl' must be an absolute http(s) URL of at most {WebhookUrlMaxLength} characters.")
            .IsStorableText(WebhookUrlMaxLength, WebhookUrlMaxLength * 4);
    }

    private static string Covered(string scopeKind) => scopeKind switch
    {
        BudgetScopes.User => "user id",
        BudgetScopes.ApiKey => "API key id",
        _ => scopeKind,
    };
}
