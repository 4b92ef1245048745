using Npgsql;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;

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
        group.MapGet("/", async (HttpContext http, BudgetStatusReader budgets, CancellationToken cancellationToken) =>
            Results.Ok((await budgets.AllAsync(DatabaseTurns.None, cancellationToken)).Select(s => ForCaller(s, http))));
        group.MapGet("/{budgetId}", async (string budgetId, HttpContext http, BudgetStatusReader budgets, CancellationToken cancellationToken) =>
            await budgets.OneAsync(budgetId, cancellationToken) is { } status ? Results.Ok(ForCaller(status, http)) : Results.NotFound());
        group.MapGet("/{budgetId}/alerts", AlertsAsync);
        return app;
    }

    // A webhook URL often carries a secret (Slack's does): only an admin, who may change it, sees it.
    private static BudgetStatus ForCaller(BudgetStatus status, HttpContext http) =>
        ApiKeyPrincipal.From(http.User)?.Has(Role.Admin) == true ? status : status with { Terms = status.Terms with { WebhookUrl = null } };

    // Every crossing of the budget, with its webhook delivery (null when it had no webhook).
    private static async Task<IResult> AlertsAsync(string budgetId, BudgetStatusReader budgets, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var alerts = await budgets.AlertsAsync(budgetId, cancellationToken);
        var ids = alerts.Select(a => BudgetThresholdReached.AlertIdFor(budgetId, a.PeriodStart, a.ThresholdPercent)).ToList();
        var deliveries = await WebhookDeliveries.StatesAsync(dataSource, ids, cancellationToken);
        return Results.Ok(alerts.Select((a, i) => new
        {
            periodStart = a.PeriodStart.UtcDateTime, thresholdPercent = a.ThresholdPercent, spentUsd = a.SpentUsd, crossedAt = a.CrossedAt.UtcDateTime,
            webhook = deliveries.GetValueOrDefault(ids[i]),
        }));
    }

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
