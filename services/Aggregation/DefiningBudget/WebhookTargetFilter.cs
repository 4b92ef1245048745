using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>Refuses a budget or alert rule whose webhook URL <see cref="WebhookTargets"/> refuses, with a problem naming <c>webhookUrl</c>.</summary>
public sealed class WebhookTargetFilter(WebhookTargets targets) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var url = context.Arguments.Select(a => a switch { BudgetTerms b => b.WebhookUrl, AlertRuleTerms r => r.WebhookUrl, _ => null }).FirstOrDefault(u => u is not null);
        if (targets.RefusalOf(url) is { } refusal)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["webhookUrl"] = [refusal] }, title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.");
        }

        return await next(context);
    }
}
