using Npgsql;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.Aggregation.TrackingBudgetSpend;
using TokenOptimizer.EventStore;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Aggregation.DefiningBudget;

/// <summary><c>/v1/budgets</c>: define, change, remove, and read budgets with their spend.</summary>
public static class BudgetEndpoints
{
    public static WebApplication MapBudgets(this WebApplication app)
    {
        var group = app.MapGroup("/v1/budgets");
        group.MapPost("/", (BudgetTerms terms, BudgetHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () =>
            {
                var id = Guid.NewGuid().ToString("N")[..12];
                var budget = await handler.HandleAsync(id, new DefineBudget(id, terms, clock.GetUtcNow()), cancellationToken);
                return Results.Created($"/v1/budgets/{id}", budget);
            }));
        group.MapPut("/{budgetId}", (string budgetId, BudgetTerms terms, BudgetHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () => Results.Ok(await handler.HandleAsync(budgetId, new ChangeBudget(budgetId, terms, clock.GetUtcNow()), cancellationToken))));
        group.MapDelete("/{budgetId}", (string budgetId, BudgetHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () =>
            {
                await handler.HandleAsync(budgetId, new RemoveBudget(budgetId, clock.GetUtcNow()), cancellationToken);
                return Results.NoContent();
            }));
        group.MapGet("/", async (BudgetStatusReader budgets, CancellationToken cancellationToken) => Results.Ok(await budgets.AllAsync(DatabaseTurns.None, cancellationToken)));
        group.MapGet("/{budgetId}", async (string budgetId, BudgetStatusReader budgets, CancellationToken cancellationToken) =>
            await budgets.OneAsync(budgetId, cancellationToken) is { } status ? Results.Ok(status) : Results.NotFound());
        group.MapGet("/{budgetId}/alerts", AlertsAsync);
        return app;
    }

    // Every crossing of the budget, with its webhook delivery (null when it had no webhook).
    private static async Task<IResult> AlertsAsync(string budgetId, BudgetStatusReader budgets, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var alerts = await budgets.AlertsAsync(budgetId, cancellationToken);
        var ids = alerts.Select(a => BudgetThresholdReached.StreamIdOf(budgetId, a.PeriodStart, a.ThresholdPercent)).ToList();
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
        catch (BudgetRejectedException rejected) when (rejected.NotFound)
        {
            return Results.NotFound(new { problems = rejected.Problems });
        }
        catch (BudgetRejectedException rejected)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["budget"] = [.. rejected.Problems] });
        }
        catch (ConcurrencyException)
        {
            return Results.Conflict(new { problems = new[] { "the budget changed meanwhile; read it again" } });
        }
    }
}
