using TokenOptimizer.Access;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Catalog;
using TokenOptimizer.ReadModels;
using TokenOptimizer.Recommendations.AllowingModels;
using TokenOptimizer.Recommendations.Lifecycle;
using TokenOptimizer.Recommendations.Narrating;
using TokenOptimizer.Recommendations.Suggesting;
using TokenOptimizer.Recommendations.TestingModels;

namespace TokenOptimizer.Recommendations;

/// <summary>
/// <c>/v1/recommendations</c>: the ranked list, one recommendation, the totals the overview shows, and the lifecycle
/// steps; <c>/v1/models/allowance</c>: the organisation's allowed models. Reads need a read key, the rest an admin key.
/// </summary>
public static class RecommendationEndpoints
{
    public static WebApplication MapRecommendationEndpoints(this WebApplication app)
    {
        app.UseApiKeys();
        var group = app.MapGroup("/v1/recommendations");
        group.MapGet("/", async (string? kind, string? status, RecommendationList list, CancellationToken cancellationToken) =>
            Unknown(kind, RecommendationKinds.All, "kind") ?? Unknown(status, RecommendationStatus.All, "status")
            ?? Results.Ok(await list.ReadAsync(kind, status, cancellationToken)));
        group.MapGet("/summary", async (RecommendationListReader list, CancellationToken cancellationToken) =>
            Results.Ok(await list.TotalsAsync(DatabaseTurns.None, cancellationToken)));
        // Off unless an LLM endpoint is configured for it (Recommendations:Narrative); never needed for a number.
        group.MapGet("/narrative", async (RecommendationList list, RecommendationNarrator narrator, CancellationToken cancellationToken) =>
        {
            var top = (await list.ReadAsync(null, null, cancellationToken))
                .Where(r => r.Status is RecommendationStatus.Suggested or RecommendationStatus.Tested && r.Suggestion.MonthlySavingUsd > 0).Take(5)
                .Select(r => new RecommendationSummary(r.Suggestion.Change, r.Suggestion.MonthlySavingUsd, r.Suggestion.QualityImpact)).ToList();
            return Results.Ok(new { enabled = narrator.IsEnabled, text = top.Count == 0 ? null : await narrator.NarrateAsync(top, cancellationToken) });
        });
        group.MapGet("/{id}", async (string id, RecommendationHandler handler, CancellationToken cancellationToken) =>
            await handler.LoadAsync(id, cancellationToken) is { } found ? Results.Ok(found) : Results.NotFound());
        // Every step below changes something: an admin call, limited as such.
        var steps = group.MapGroup("").RequireRateLimiting(RateLimitPolicies.Admin);
        steps.MapPost("/recompute", async (Recomputation recomputation, RecommendationList list, RecommendationListRunner listRunner, CancellationToken cancellationToken) =>
        {
            await recomputation.RecomputeAsync(cancellationToken);
            await listRunner.CaughtUpAsync(cancellationToken);
            return Results.Ok(await list.ReadAsync(null, null, cancellationToken));
        });

        steps.MapPost("/{id}/accept", (string id, RecommendationHandler handler, RecommendationListRunner listRunner, RequestLogReader requestLog, Microsoft.Extensions.Options.IOptions<RecommendationsOptions> options,
            TimeProvider clock, CancellationToken cancellationToken) => StepAsync(listRunner, async () =>
        {
            var now = clock.GetUtcNow();
            var current = await handler.LoadAsync(id, cancellationToken);
            RecommendationDecider.EnsureCan(current, "accept", id);
            var (requests, costPerRequest) = await requestLog.FeatureCostPerRequestAsync(current!.Suggestion.Feature, now - options.Value.Window, now, cancellationToken);
            return await handler.HandleAsync(id, state =>
            {
                RecommendationDecider.EnsureCan(state, "accept", id);
                return [new RecommendationAccepted(now, costPerRequest, requests)];
            }, cancellationToken);
        }));
        steps.MapPost("/{id}/dismiss", (string id, DismissRecommendation? body, RecommendationHandler handler, RecommendationListRunner listRunner, TimeProvider clock, CancellationToken cancellationToken) =>
            StepAsync(listRunner, () => handler.HandleAsync(id, state =>
            {
                RecommendationDecider.EnsureCan(state, "dismiss", id);
                return [new RecommendationDismissed(clock.GetUtcNow(), body?.Reason)];
            }, cancellationToken))).AddEndpointFilter<ValidationFilter<DismissRecommendation>>();
        steps.MapPost("/{id}/snooze", (string id, SnoozeRecommendation body, RecommendationHandler handler, RecommendationListRunner listRunner, TimeProvider clock, CancellationToken cancellationToken) =>
            StepAsync(listRunner, () => handler.HandleAsync(id, state =>
            {
                RecommendationDecider.EnsureCan(state, "snooze", id);
                return [new RecommendationSnoozed(clock.GetUtcNow(), body.Until!.Value)];
            }, cancellationToken))).AddEndpointFilter<ValidationFilter<SnoozeRecommendation>>();
        steps.MapPost("/{id}/tests", (string id, TestRecommendation body, RecommendationHandler handler, RecommendationListRunner listRunner, ModelTestRunner runner, ModelCatalog catalog, ModelQuality quality,
            TimeProvider clock, CancellationToken cancellationToken) =>
            StepAsync(listRunner, async () =>
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
                    // The endpoint wants the provider's own model id (gemini-2.5-flash), not the catalog key (gemini/gemini-2.5-flash).
                    Candidate = new ModelUnderTest(candidateProvider, new ModelProfiles(catalog, quality, clock.GetUtcNow()).Find(candidateModel)?.Model ?? candidateModel),
                    Prompts = body.Prompts!,
                    CallTimeout = body.CallTimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : RunModelTest.DefaultCallTimeout,
                }, cancellationToken);
                var testId = "test-" + Guid.NewGuid().ToString("N")[..12];
                return await handler.HandleAsync(id, state =>
                {
                    RecommendationDecider.EnsureCan(state, "test", id);
                    return [new RecommendationTested(clock.GetUtcNow(), testId, result)];
                }, cancellationToken);
            })).AddEndpointFilter<ValidationFilter<TestRecommendation>>();

        // The model is in the body: catalog keys hold slashes (gemini/gemini-2.5-flash).
        app.MapPut("/v1/models/allowance", async (SetModelAllowance body, ModelAllowances allowances, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            await allowances.SetAsync(body.Model!, body.Allowed!.Value, clock.GetUtcNow(), cancellationToken);
            return Results.Ok(new { model = body.Model, allowed = body.Allowed });
        }).AddEndpointFilter<ValidationFilter<SetModelAllowance>>().RequireRateLimiting(RateLimitPolicies.Admin);
        app.MapGet("/v1/models/disallowed", async (ModelAllowances allowances, CancellationToken cancellationToken) =>
            Results.Ok(await allowances.DisallowedAsync(cancellationToken)));
        return app;
    }

    // Answers once the list shows the step too, so a client that acts and then lists sees what it did.
    private static async Task<IResult> StepAsync(RecommendationListRunner list, Func<Task<Recommendation?>> step)
    {
        try
        {
            var state = await step();
            await list.CaughtUpAsync(CancellationToken.None);
            return Results.Ok(state);
        }
        catch (RecommendationRejectedException rejected)
        {
            return Results.Problem(title: rejected.NotFound ? "No such recommendation." : "The recommendation's state refuses this step.",
                detail: rejected.Message, statusCode: rejected.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict);
        }
        catch (ArgumentException invalid)
        {
            return Invalid("request", invalid.Message);
        }
        catch (TokenOptimizer.EventStore.ConcurrencyException)
        {
            return Results.Problem(title: "The recommendation changed while this step ran.", detail: "Read it again and retry.", statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static IResult? Unknown(string? value, IReadOnlyList<string> known, string name) =>
        value is null || known.Contains(value) ? null : Invalid(name, $"'{name}' must be one of: {string.Join(", ", known)}.");

    private static IResult Invalid(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.");
}
