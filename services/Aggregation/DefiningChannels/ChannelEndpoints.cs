using TokenOptimizer.Access;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Aggregation.DeliveringWebhooks;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Aggregation.DefiningChannels;

/// <summary>
/// <c>/v1/channels</c>: define (or replace) and remove notification channels, and list them. Terms that break a rule
/// get a 400 problem naming each field; an unknown channel 404, a concurrent change 409. Webhook URLs (they carry
/// secrets) are shown to admins only.
/// </summary>
public static class ChannelEndpoints
{
    public static WebApplication MapChannels(this WebApplication app)
    {
        var group = app.MapGroup("/v1/channels");
        group.MapPut("/{channelId}", (string channelId, ChannelTerms terms, ChannelHandler handler, WebhookTargets targets, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var problems = new Dictionary<string, string[]>();
            if (ChannelTermsValidator.ProblemWithId(channelId) is { } idProblem)
            {
                problems["channelId"] = [idProblem];
            }

            if (terms.Kind == ChannelKinds.Webhook && targets.RefusalOf(terms.Url) is { } refusal)
            {
                problems["url"] = [refusal];
            }

            return problems.Count > 0
                ? Task.FromResult<IResult>(TypedResults.ValidationProblem(problems, title: "The request is invalid.", detail: "Fix the fields listed under 'errors'."))
                : RunAsync(async () =>
                {
                    await handler.HandleAsync(new DefineChannel(channelId, terms, clock.GetUtcNow()), cancellationToken);
                    return Results.Ok(new { channelId, terms });
                });
        }).AddEndpointFilter<ValidationFilter<ChannelTerms>>().RequireRateLimiting(RateLimitPolicies.Admin);
        group.MapDelete("/{channelId}", (string channelId, ChannelHandler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            RunAsync(async () =>
            {
                await handler.HandleAsync(new RemoveChannel(channelId, clock.GetUtcNow()), cancellationToken);
                return Results.NoContent();
            })).RequireRateLimiting(RateLimitPolicies.Admin);
        group.MapGet("/", async (HttpContext http, ChannelHandler handler, CancellationToken cancellationToken) =>
        {
            var admin = ApiKeyPrincipal.From(http.User)?.Has(Role.Admin) == true;
            var channels = await handler.LoadAsync(cancellationToken);
            return Results.Ok(channels.ById.Select(c => new { channelId = c.Key, terms = admin ? c.Value : c.Value with { Url = null } }));
        });
        return app;
    }

    private static async Task<IResult> RunAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ChannelRejectedException rejected)
        {
            return Results.Problem(title: "No such channel.", detail: rejected.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (StreamVersionConflictException)
        {
            return Results.Problem(title: "The channels changed meanwhile.", detail: "Read them again and send the change anew.", statusCode: StatusCodes.Status409Conflict);
        }
    }
}
