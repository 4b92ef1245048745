using System.Text.Json;
using Npgsql;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Aggregation.DefiningBudget;
using TokenOptimizer.Aggregation.EvaluatingAlertRules;
using TokenOptimizer.Aggregation.PublishingAlerts;
using TokenOptimizer.Contracts;
using TokenOptimizer.ReadModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.DefiningAlertRules;

/// <summary>
/// <c>/v1/alert-rules</c>: define, change, remove and list alert rules; <c>/v1/alerts</c>: the alert feed and acknowledging.
/// Terms that break a rule get a 400 problem naming each field (<see cref="AlertRuleTermsValidator"/>); an unknown rule
/// or alert 404, a concurrent change 409.
/// </summary>
public static class AlertRuleEndpoints
{
    public static WebApplication MapAlertRules(this WebApplication app)
    {
        var rules = app.MapGroup("/v1/alert-rules");
        var defining = rules.MapGroup("").AddEndpointFilter<WebhookTargetFilter>();
        defining.MapPost("/", (AlertRuleTerms terms, AlertRuleHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () =>
            {
                var id = Guid.NewGuid().ToString("N")[..12];
                var rule = await handler.HandleAsync(id, new DefineAlertRule(id, terms, clock.GetUtcNow()), cancellationToken);
                return Results.Created($"/v1/alert-rules/{id}", rule);
            })).AddEndpointFilter<ValidationFilter<AlertRuleTerms>>().RequireRateLimiting(RateLimitPolicies.Admin);
        defining.MapPut("/{ruleId}", (string ruleId, AlertRuleTerms terms, AlertRuleHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () => Results.Ok(await handler.HandleAsync(ruleId, new ChangeAlertRule(ruleId, terms, clock.GetUtcNow()), cancellationToken))))
            .AddEndpointFilter<ValidationFilter<AlertRuleTerms>>().RequireRateLimiting(RateLimitPolicies.Admin);
        rules.MapDelete("/{ruleId}", (string ruleId, AlertRuleHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () =>
            {
                await handler.HandleAsync(ruleId, new RemoveAlertRule(ruleId, clock.GetUtcNow()), cancellationToken);
                return Results.NoContent();
            })).RequireRateLimiting(RateLimitPolicies.Admin);
        rules.MapGet("/", ListRulesAsync);

        var alerts = app.MapGroup("/v1/alerts");
        alerts.MapGet("/", async (string? state, string? severity, AlertFeedReader feed, CancellationToken cancellationToken) =>
            state is not null && state is not (AlertStates.Firing or AlertStates.Acknowledged or AlertStates.Resolved)
                ? Invalid("state", $"'state' must be one of: {AlertStates.Firing}, {AlertStates.Acknowledged}, {AlertStates.Resolved}.")
                : severity is not null && !AlertSeverities.All.Contains(severity)
                    ? Invalid("severity", $"'severity' must be one of: {string.Join(", ", AlertSeverities.All)}.")
                    : Results.Ok(await feed.ListAsync(state, severity, 500, cancellationToken)));
        alerts.MapPost("/{alertId}/acknowledge", async (string alertId, NpgsqlDataSource dataSource, AlertFeedReader feed, TimeProvider clock, CancellationToken cancellationToken) =>
            await AlertFeedWriter.AcknowledgeAsync(dataSource, alertId, clock.GetUtcNow(), cancellationToken)
                ? Results.Ok(await feed.OneAsync(alertId, cancellationToken))
                : await feed.OneAsync(alertId, cancellationToken) is { } alert
                    ? Results.Problem(title: "The alert is not firing.", detail: $"alert {alertId} is {alert.State}", statusCode: StatusCodes.Status409Conflict)
                    : Results.Problem(title: "No such alert.", detail: $"alert {alertId} does not exist", statusCode: StatusCodes.Status404NotFound))
            .RequireRateLimiting(RateLimitPolicies.Admin);
        return app;
    }

    // The defined rules and where each stands, as the rule projection keeps them. A webhook URL often carries a secret: never listed.
    private static async Task<IResult> ListRulesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT rule_id, terms::text, state::text FROM {AlertRuleTables.Rules} WHERE NOT removed ORDER BY rule_id");
        var rules = new List<object>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var terms = JsonSerializer.Deserialize<AlertRuleTerms>(reader.GetString(1), JsonSerializerOptions.Web)!;
            var state = JsonSerializer.Deserialize<AlertRuleState>(reader.GetString(2), JsonSerializerOptions.Web)!;
            rules.Add(new { ruleId = reader.GetString(0), terms = terms with { WebhookUrl = null }, openAlertId = state.OpenAlertId, openState = state.OpenState });
        }

        return Results.Ok(rules);
    }

    private static IResult Invalid(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.");

    private static async Task<IResult> RunAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (AlertRuleRejectedException rejected)
        {
            return Results.Problem(
                title: rejected.NotFound ? "No such alert rule." : "The alert rule's state refuses this.",
                detail: rejected.Message, statusCode: rejected.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }
        catch (StreamVersionConflictException)
        {
            return Results.Problem(title: "The alert rule changed meanwhile.", detail: "Read it again and send the change anew.", statusCode: StatusCodes.Status409Conflict);
        }
    }
}
