using System.Globalization;
using TokenOptimizer.Access;
using TokenOptimizer.Query.ExportingCsv;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.GettingCostBreakdown;

// In the service's root namespace, beside MapQuery, which maps it.
namespace TokenOptimizer.Query;

/// <summary>
/// <c>GET /export/usage.csv</c> (every matching call) and <c>GET /export/cost-breakdown.csv?by=…</c> for read keys,
/// filtered like GraphQL's <c>UsageFilter</c> (see <see cref="ExportFilter"/>) and limited to the key's team.
/// No or a bad key: 401; a key without the read role: 403; a bad parameter: 400 naming it.
/// </summary>
public static class CsvExportEndpoints
{
    public static WebApplication MapCsvExport(this WebApplication app)
    {
        var export = app.MapGroup("/export").RequireRole(Role.Read);
        export.MapGet("/usage.csv", ExportUsage);
        export.MapGet("/cost-breakdown.csv", ExportCostBreakdown);
        return app;
    }

    private static IResult ExportUsage(HttpRequest request, ApiKeyPrincipal caller, UsageExportQuery usage, TimeProvider clock)
    {
        try
        {
            var slice = ExportFilter.Parse(request.Query, clock.GetUtcNow(), caller.Team);
            return new CsvDownload($"usage-{Stamp(slice.From)}-{Stamp(slice.To)}.csv", (csv, ct) => usage.WriteAsync(slice, csv, ct));
        }
        catch (BadExportParameter bad)
        {
            return bad.ToProblem();
        }
    }

    private static IResult ExportCostBreakdown(HttpRequest request, ApiKeyPrincipal caller, CostBreakdownQuery breakdowns, TimeProvider clock)
    {
        try
        {
            var by = ExportFilter.Single(request.Query, "by")?.ToUpperInvariant() is { } name && Dimension.All.Any(d => d.Name == name)
                ? Dimension.Named(name)
                : throw new BadExportParameter("by", $"by must be one of {string.Join(", ", Dimension.All.Select(d => d.Name.ToLowerInvariant()))}.");
            var slice = ExportFilter.Parse(request.Query, clock.GetUtcNow(), caller.Team, "by");
            return new CsvDownload($"cost-by-{by.Name.ToLowerInvariant()}-{Stamp(slice.From)}-{Stamp(slice.To)}.csv",
                (csv, ct) => CostBreakdownCsv.WriteAsync(breakdowns, slice, by, csv, ct));
        }
        catch (BadExportParameter bad)
        {
            return bad.ToProblem();
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmm'Z'", CultureInfo.InvariantCulture);
}
