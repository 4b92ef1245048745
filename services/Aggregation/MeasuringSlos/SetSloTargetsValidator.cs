using FluentValidation;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Contracts;

namespace TokenOptimizer.Aggregation.MeasuringSlos;

/// <summary>
/// The shape rules of <see cref="SetSloTargets"/>, each problem under the field's path as sent (<c>global.availability</c>,
/// <c>providers.openai.latencyP95Ms</c>): rates in (0, 1], a latency above 0 and at most a week (the longest call
/// usage records hold), provider names bounded as usage records bound them.
/// </summary>
public sealed class SetSloTargetsValidator : AbstractValidator<SetSloTargets>
{
    /// <summary>Most providers given targets of their own in one request.</summary>
    public const int MaxProviders = 100;

    public SetSloTargetsValidator()
    {
        RuleFor(c => c).Must(c => c.Global is not null || c.Providers is not null)
            .OverridePropertyName("targets").WithMessage("Give 'global', 'providers' or both.");
        RuleFor(c => c.Global).Custom((targets, context) => Check(targets, "global", context));
        RuleFor(c => c.Providers).Custom((providers, context) =>
        {
            if (providers is null)
            {
                return;
            }

            if (providers.Count > MaxProviders)
            {
                Fail(context, "providers", $"At most {MaxProviders} providers at once.");
                return;
            }

            foreach (var (provider, targets) in providers)
            {
                if (string.IsNullOrWhiteSpace(provider))
                {
                    Fail(context, "providers", "A provider name cannot be empty.");
                }
                else if (StorableText.Problem(provider, UsageLimits.IdentifierMaxLength, UsageLimits.IdentifierMaxBytes) is { } problem)
                {
                    Fail(context, "providers", $"A provider name {problem}");
                }
                else if (targets is null)
                {
                    Fail(context, $"providers.{provider}", "Give the provider's targets.");
                }
                else
                {
                    Check(targets, $"providers.{provider}", context);
                }
            }
        });
    }

    private static void Check(SloTargets? targets, string path, ValidationContext<SetSloTargets> context)
    {
        if (targets?.Availability is { } availability && !IsRate(availability))
        {
            Fail(context, $"{path}.availability", "Must be a share of calls above 0 and at most 1, e.g. 0.995.");
        }

        if (targets?.ErrorRate is { } errorRate && !IsRate(errorRate))
        {
            Fail(context, $"{path}.errorRate", "Must be a share of calls above 0 and at most 1, e.g. 0.02.");
        }

        if (targets?.LatencyP95Ms is { } latency && !(latency > 0 && latency <= UsageLimits.MaxLatencyMs))
        {
            Fail(context, $"{path}.latencyP95Ms", "Must be a number of milliseconds above 0 and at most a week (604,800,000).");
        }
    }

    // Under the path as sent: a provider's name is a key, kept as the caller wrote it.
    private static void Fail(ValidationContext<SetSloTargets> context, string path, string message) =>
        context.AddFailure(new FluentValidation.Results.ValidationFailure(path, message) { CustomState = WireNames.AsSent });

    private static bool IsRate(double value) => value > 0 && value <= 1;
}
