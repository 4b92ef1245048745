using Microsoft.AspNetCore.Http.HttpResults;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Http;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Ingestion.PricingModels;
using TokenOptimizer.UsageLog;

namespace TokenOptimizer.Ingestion.ImportingCatalogs;

/// <summary>
/// Catalog refresh: <c>POST /v1/admin/catalog/imports</c> imports a newer LiteLLM or Langfuse price file (or, with
/// <c>dryRun</c>, shows what it would change) and re-prices the usage it covers; <c>GET</c> lists the imports. Admin keys only.
/// </summary>
public static class CatalogImportEndpoints
{
    public const string Path = "/v1/admin/catalog/imports";

    /// <summary>LiteLLM's whole map was 1.3 MB in 2026, a little more as a JSON string: room to grow, not for anything else.</summary>
    public const long MaxBodyBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCatalogImports(this IEndpointRouteBuilder endpoints)
    {
        var imports = endpoints.MapGroup(Path).RequireRole(Role.Admin).RequireRateLimiting(RateLimitPolicies.Admin);
        imports.MapPost("", ImportAsync)
            .WithBodyLimit(MaxBodyBytes)
            .AddEndpointFilter<ValidationFilter<ImportCatalog>>()
            .WithName("ImportCatalog");
        imports.MapGet("", ListAsync).WithName("ListCatalogImports");
        return endpoints;
    }

    /// <summary>201 when the import was recorded; 200 for a dry run or a file that changes nothing; 400 naming what is wrong with the file.</summary>
    private static async Task<Results<Ok<CatalogImportSummary>, Created<CatalogImportSummary>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        ImportCatalog command, CatalogImporter importer, CancellationToken cancellationToken)
    {
        var problems = new PriceFileProblems();
        if (PriceFileReader.Read(command.Content!, command.Format, problems) is not { } file)
        {
            return TypedResults.ValidationProblem(problems.Errors, title: "The price file is invalid.", detail: "Fix what is listed under 'errors'; nothing was imported.");
        }

        CatalogImportSummary summary;
        try
        {
            summary = await importer.ImportAsync(command, file, cancellationToken);
        }
        catch (StreamVersionConflictException)
        {
            return ModelPriceEndpoints.ConcurrentChange();
        }

        return summary.Recorded ? TypedResults.Created(Path, summary) : TypedResults.Ok(summary);
    }

    private static async Task<Ok<IReadOnlyList<CatalogImportView>>> ListAsync(ModelPriceLog prices, CancellationToken cancellationToken)
    {
        var list = await prices.ReadAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CatalogImportView>>([.. list.Imports.Select(CatalogImportView.From)]);
    }
}
