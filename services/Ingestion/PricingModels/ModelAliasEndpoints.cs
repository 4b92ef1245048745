using Microsoft.AspNetCore.Http.HttpResults;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Ingestion.RecordingUsage;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// The admin's model aliases: <c>POST /v1/admin/model-aliases</c> says which catalog model a deployment name stands for
/// from an instant on (or, with <c>dryRun</c>, shows what that would re-price) and re-prices the usage it covers;
/// <c>GET</c> lists them. Admin keys only, like <see cref="ModelPriceEndpoints"/>.
/// </summary>
public static class ModelAliasEndpoints
{
    public const string Path = "/v1/admin/model-aliases";

    public static IEndpointRouteBuilder MapModelAliases(this IEndpointRouteBuilder endpoints)
    {
        var aliases = endpoints.MapGroup(Path).RequireRole(Role.Admin).RequireRateLimiting(RateLimitPolicies.Admin);
        aliases.MapPost("", SetAsync)
            .AddEndpointFilter<ValidationFilter<SetModelAlias>>()
            .WithName("SetModelAlias");
        aliases.MapGet("", ListAsync).WithName("ListModelAliases");
        return endpoints;
    }

    /// <summary>200 for a dry run or a repeat of the alias in force; 201 when the alias was recorded.</summary>
    private static async Task<Results<Ok<RepricingSummary>, Created<RepricingSummary>, ValidationProblem, ProblemHttpResult>> SetAsync(
        SetModelAlias command, ModelPriceSetter setter, ModelCatalogHolder catalog, CancellationToken cancellationToken)
    {
        // An alias to a model nothing can price would only turn priced calls into unpriced ones.
        if (catalog.Current.ResolveModel(command.Provider, command.Model!) is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["model"] = [$"'model' is not in the catalog: '{command.Model}' for provider '{command.Provider}'. Set a price for it first."] },
                title: "The request is invalid.", detail: "Fix the fields listed under 'errors'.");
        }

        RepricingSummary summary;
        try
        {
            summary = await setter.SetAsync(command, cancellationToken);
        }
        catch (StreamVersionConflictException)
        {
            return ModelPriceEndpoints.ConcurrentChange();
        }

        return summary.PriceRecorded ? TypedResults.Created(Path, summary) : TypedResults.Ok(summary);
    }

    private static async Task<Ok<IReadOnlyList<ModelAliasView>>> ListAsync(ModelPriceLog prices, CancellationToken cancellationToken)
    {
        var list = await prices.ReadAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<ModelAliasView>>([.. list.Aliases.Select(a => ModelAliasView.From(a, list.CatalogKeyOf(a)))]);
    }
}
