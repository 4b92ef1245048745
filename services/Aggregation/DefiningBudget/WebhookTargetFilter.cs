using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>Refuses a budget whose webhook URL <see cref="WebhookTargets"/> refuses, with a problem naming <c>webhookUrl</c>.</summary>
public sealed class WebhookTargetFilter(WebhookTargets targets) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Arguments.OfType<BudgetTerms>().FirstOrDefault() is { } terms && targets.RefusalOf(terms.WebhookUrl) is { } refusal)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["webhookUrl"] = [refusal] }, title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.");
        }

        return await next(context);
    }
}
