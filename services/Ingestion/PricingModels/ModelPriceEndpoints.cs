using Microsoft.AspNetCore.Http.HttpResults;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.PricingModels;

/// <summary>
/// The admin's custom prices: <c>POST /v1/admin/model-prices</c> sets one (or, with <c>dryRun</c>, shows what
/// it would change) and re-prices the usage it covers; <c>GET</c> lists them. Admin keys only (the Query service
/// calls here with the bootstrap admin key).
/// </summary>
public static class ModelPriceEndpoints
{
    public const string Path = "/v1/admin/model-prices";

    public static IEndpointRouteBuilder MapModelPrices(this IEndpointRouteBuilder endpoints)
    {
        var prices = endpoints.MapGroup(Path).RequireRole(Role.Admin).RequireRateLimiting(RateLimitPolicies.Admin);
        prices.MapPost("", SetAsync)
            .AddEndpointFilter<ValidationFilter<SetModelPrice>>()
            .WithName("SetModelPrice");
        prices.MapGet("", ListAsync).WithName("ListModelPrices");
        prices.MapGet("/{priceVersion}", GetAsync).WithName("GetModelPrice");
        return endpoints;
    }

    /// <summary>200 for a dry run or a repeat of the price in force; 201 when the price was recorded.</summary>
    private static async Task<Results<Ok<RepricingSummary>, Created<RepricingSummary>, ProblemHttpResult>> SetAsync(
        SetModelPrice command, ModelPriceSetter setter, CancellationToken cancellationToken)
    {
        RepricingSummary summary;
        try
        {
            summary = await setter.SetAsync(command, cancellationToken);
        }
        catch (StreamVersionConflictException)
        {
            return ConcurrentChange();
        }

        return summary.PriceRecorded
            ? TypedResults.Created($"{Path}/{Uri.EscapeDataString(summary.PriceVersion)}", summary)
            : TypedResults.Ok(summary);
    }

    /// <summary>The answer when other prices or aliases kept being set while this one was (<see cref="ModelPriceSetter"/> retried).</summary>
    internal static ProblemHttpResult ConcurrentChange() => TypedResults.Problem(
        title: "Other prices or aliases were being set at the same time.",
        detail: "Nothing was recorded. Send the request again.",
        statusCode: StatusCodes.Status409Conflict);

    private static async Task<Ok<IReadOnlyList<CustomPriceView>>> ListAsync(ModelPriceLog prices, CancellationToken cancellationToken)
    {
        var list = await prices.ReadAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CustomPriceView>>([.. list.Prices.Select(p => CustomPriceView.From(p, list.CatalogKeyOf(p)))]);
    }

    private static async Task<Results<Ok<CustomPriceView>, NotFound>> GetAsync(
        string priceVersion, ModelPriceLog prices, CancellationToken cancellationToken)
    {
        var list = await prices.ReadAsync(cancellationToken);
        return list.Prices.FirstOrDefault(p => p.PriceVersion == priceVersion) is { } price
            ? TypedResults.Ok(CustomPriceView.From(price, list.CatalogKeyOf(price)))
            : TypedResults.NotFound();
    }
}
