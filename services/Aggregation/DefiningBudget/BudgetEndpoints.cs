using TokenOptimizer.Access;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;
using TokenOptimizer.ReadModels.Budgets;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary>
/// <c>/v1/budgets</c>: define, change, remove, and read budgets with their spend. Terms that break a rule get a 400
/// problem naming each field (<see cref="BudgetTermsValidator"/>); an unknown budget 404, a concurrent change 409.
/// </summary>
public static class BudgetEndpoints
{
    public static WebApplication MapBudgets(this WebApplication app)
    {
        var group = app.MapGroup("/v1/budgets");
        var defining = group.MapGroup("").AddEndpointFilter<WebhookTargetFilter>();
        defining.MapPost("/", (BudgetTerms terms, BudgetHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () =>
            {
                var id = Guid.NewGuid().ToString("N")[..12];
                var budget = await handler.HandleAsync(id, new DefineBudget(id, terms, clock.GetUtcNow()), cancellationToken);
                return Results.Created($"/v1/budgets/{id}", budget);
            })).AddEndpointFilter<ValidationFilter<BudgetTerms>>().RequireRateLimiting(RateLimitPolicies.Admin);
        defining.MapPut("/{budgetId}", (string budgetId, BudgetTerms terms, BudgetHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () => Results.Ok(await handler.HandleAsync(budgetId, new ChangeBudget(budgetId, terms, clock.GetUtcNow()), cancellationToken))))
            .AddEndpointFilter<ValidationFilter<BudgetTerms>>().RequireRateLimiting(RateLimitPolicies.Admin);
        group.MapDelete("/{budgetId}", (string budgetId, BudgetHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () =>
            {
                await handler.HandleAsync(budgetId, new RemoveBudget(budgetId, clock.GetUtcNow()), cancellationToken);
                return Results.NoContent();
            })).RequireRateLimiting(RateLimitPolicies.Admin);
        group.MapGet("/", async (HttpContext http, LiveStateReader live, TimeProvider clock, CancellationToken cancellationToken) =>
            Results.Ok((await live.BudgetsAsync(clock.GetUtcNow(), cancellationToken)).Select(s => ForCaller(s, http))));
        group.MapGet("/{budgetId}", async (string budgetId, HttpContext http, LiveStateReader live, TimeProvider clock, CancellationToken cancellationToken) =>
            await live.BudgetAsync(budgetId, cancellationToken) is { Terms: not null, Removed: false } budget
                ? Results.Ok(ForCaller(BudgetStatus.Of(budget, clock.GetUtcNow()), http))
                : Results.NotFound());
        group.MapGet("/{budgetId}/alerts", async (string budgetId, BudgetAlertsQuery query, CancellationToken cancellationToken) =>
            Results.Ok(await query.AlertsAsync(budgetId, cancellationToken)));
        return app;
    }

    // A webhook URL often carries a secret (Slack's does): only an admin, who may change it, sees it.
    private static BudgetStatus ForCaller(BudgetStatus status, HttpContext http) =>
        ApiKeyPrincipal.From(http.User)?.Has(Role.Admin) == true ? status : status with { Terms = status.Terms with { WebhookUrl = null } };

    private static async Task<IResult> RunAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (BudgetRejectedException rejected)
        {
            return Results.Problem(
                title: rejected.NotFound ? "No such budget." : "The budget's state refuses this.",
                detail: string.Join("; ", rejected.Problems),
                statusCode: rejected.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }
        catch (ConcurrencyException)
        {
            return Results.Problem(title: "The budget changed meanwhile.", detail: "Read it again and send the change anew.", statusCode: StatusCodes.Status409Conflict);
        }
    }
}
