using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.Lifecycle;
using TokenOptimizer.Recommendations.Realising;
using TokenOptimizer.Recommendations.Suggesting;
using TokenOptimizer.Recommendations.TestingModels;

namespace TokenOptimizer.Recommendations;

/// <summary>
/// <c>/v1/recommendations</c>: the ranked list, one recommendation, the totals the overview shows, and the lifecycle
/// steps; <c>/v1/models/{key}/allowance</c>: the organisation's allowed models. Reads need a read key, the rest an admin key.
/// </summary>
public static class RecommendationEndpoints
{
    public sealed record DismissBody(string? Reason);

    public sealed record SnoozeBody(DateTimeOffset? Until);

    public sealed record TestBody(IReadOnlyList<string>? Prompts, double? CallTimeoutSeconds);

    public sealed record AllowanceBody(bool? Allowed);

    public static WebApplication MapRecommendationEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/v1/recommendations");
        group.MapGet("/", async (string? kind, string? status, RecommendationList list, CancellationToken cancellationToken) =>
            Unknown(kind, RecommendationKinds.All, "kind") ?? Unknown(status, RecommendationStatus.All, "status")
            ?? Results.Ok(await list.ReadAsync(kind, status, cancellationToken)));
        group.MapGet("/summary", async (RecommendationList list, CancellationToken cancellationToken) =>
            Results.Ok(RecommendationTotals.Of(await list.ReadAsync(null, null, cancellationToken))));
        group.MapGet("/{id}", async (string id, RecommendationHandler handler, CancellationToken cancellationToken) =>
            await handler.LoadAsync(id, cancellationToken) is { } found ? Results.Ok(found) : Results.NotFound());
        group.MapPost("/recompute", async (Recomputation recomputation, RecommendationList list, RecommendationListRunner listRunner, CancellationToken cancellationToken) =>
        {
            await recomputation.RecomputeAsync(cancellationToken);
            await listRunner.CaughtUpAsync(cancellationToken);
            return Results.Ok(await list.ReadAsync(null, null, cancellationToken));
        });

        group.MapPost("/{id}/accept", (string id, RecommendationHandler handler, FeatureCostPerRequest costs, Microsoft.Extensions.Options.IOptions<RecommendationsOptions> options,
            TimeProvider clock, CancellationToken cancellationToken) => StepAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var current = await handler.LoadAsync(id, cancellationToken);
            RecommendationDecider.EnsureCan(current, "accept", id);
            var (requests, costPerRequest) = await costs.ReadAsync(current!.Suggestion.Feature, now - options.Value.Window, now, cancellationToken);
            return await handler.HandleAsync(id, state =>
            {
                RecommendationDecider.EnsureCan(state, "accept", id);
                return [new RecommendationAccepted(now, costPerRequest, requests)];
            }, cancellationToken);
        }));
        group.MapPost("/{id}/dismiss", (string id, DismissBody? body, RecommendationHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            StepAsync(() => handler.HandleAsync(id, state =>
            {
                RecommendationDecider.EnsureCan(state, "dismiss", id);
                return [new RecommendationDismissed(clock.GetUtcNow(), body?.Reason)];
            }, cancellationToken)));
        group.MapPost("/{id}/snooze", (string id, SnoozeBody? body, RecommendationHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            body?.Until is not { } until || until <= clock.GetUtcNow()
                ? Task.FromResult(Problem("'until' must be a time in the future."))
                : StepAsync(() => handler.HandleAsync(id, state =>
                {
                    RecommendationDecider.EnsureCan(state, "snooze", id);
                    return [new RecommendationSnoozed(clock.GetUtcNow(), until)];
                }, cancellationToken)));
        group.MapPost("/{id}/tests", (string id, TestBody? body, RecommendationHandler handler, ModelTestRunner runner, TimeProvider clock, CancellationToken cancellationToken) =>
            StepAsync(async () =>
            {
                var current = await handler.LoadAsync(id, cancellationToken);
                RecommendationDecider.EnsureCan(current, "test", id);
                if (current!.Suggestion is not { CandidateModel: { } candidateModel, CandidateProvider: { } candidateProvider } suggestion)
                {
                    throw new RecommendationRejectedException($"Recommendation '{id}' is a {current.Suggestion.Kind}: only a model or provider switch can be tested.");
                }

                var result = await runner.RunAsync(new RunModelTest
                {
                    Current = new ModelUnderTest(suggestion.Provider, suggestion.Model),
                    Candidate = new ModelUnderTest(candidateProvider, candidateModel),
                    Prompts = body?.Prompts ?? [],
                    CallTimeout = body?.CallTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : RunModelTest.DefaultCallTimeout,
                }, cancellationToken);
                var testId = "test-" + Guid.NewGuid().ToString("N")[..12];
                return await handler.HandleAsync(id, state =>
                {
                    RecommendationDecider.EnsureCan(state, "test", id);
                    return [new RecommendationTested(clock.GetUtcNow(), testId, result)];
                }, cancellationToken);
            }));

        app.MapPut("/v1/models/{key}/allowance", async (string key, AllowanceBody? body, ModelAllowances allowances, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            if (body?.Allowed is not { } allowed)
            {
                return Problem("'allowed' (true or false) is required.");
            }

            await allowances.SetAsync(key, allowed, clock.GetUtcNow(), cancellationToken);
            return Results.Ok(new { model = key, allowed });
        });
        app.MapGet("/v1/models/disallowed", async (ModelAllowances allowances, CancellationToken cancellationToken) =>
            Results.Ok(await allowances.DisallowedAsync(cancellationToken)));
        return app;
    }

    private static async Task<IResult> StepAsync(Func<Task<Recommendation?>> step)
    {
        try
        {
            return Results.Ok(await step());
        }
        catch (RecommendationRejectedException rejected)
        {
            return rejected.NotFound ? Results.NotFound(new { error = rejected.Message }) : Results.Conflict(new { error = rejected.Message });
        }
        catch (ArgumentException invalid)
        {
            return Problem(invalid.Message);
        }
        catch (TokenOptimizer.EventStore.ConcurrencyException)
        {
            return Results.Conflict(new { error = "The recommendation changed while this step ran; read it again and retry." });
        }
    }

    private static IResult? Unknown(string? value, IReadOnlyList<string> known, string name) =>
        value is null || known.Contains(value) ? null : Problem($"'{name}' must be one of: {string.Join(", ", known)}.");

    private static IResult Problem(string message) => Results.ValidationProblem(new Dictionary<string, string[]> { ["request"] = [message] }, detail: message);
}
