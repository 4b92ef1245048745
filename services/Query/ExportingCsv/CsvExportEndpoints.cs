using System.Globalization;
using TokenOptimizer.Access;
using TokenOptimizer.Access.Limits;
using TokenOptimizer.Query.ExportingCsv;
using TokenOptimizer.Query.GettingCostBreakdown;
using TokenOptimizer.ReadModels;

// In the service's root namespace, beside MapQuery, which maps it.
namespace TokenOptimizer.Query;

/// <summary>
/// <c>GET /export/usage.csv</c> (every matching call), <c>GET /export/cost-breakdown.csv?by=…</c> and
/// <c>GET /export/focus.csv</c> (FinOps FOCUS cost and usage, see <see cref="FocusCostQuery"/>) for read keys,
/// filtered like GraphQL's <c>UsageFilter</c> (see <see cref="ExportFilter"/>) and limited to the key's team.
/// No or a bad key: 401; a key without the read role: 403; a bad parameter: 400 naming it.
/// </summary>
public static class CsvExportEndpoints
{
    public static WebApplication MapCsvExport(this WebApplication app)
    {
        var export = app.MapGroup("/export").RequireRole(Role.Read).RequireRateLimiting(RateLimitPolicies.Exports);
        export.MapGet("/usage.csv", ExportUsage);
        export.MapGet("/cost-breakdown.csv", ExportCostBreakdown);
        export.MapGet("/focus.csv", ExportFocus);
        return app;
    }

    private static IResult ExportUsage(HttpRequest request, ApiKeyPrincipal caller, UsageExportQuery usage, TimeProvider clock) =>
        Export(request, caller, clock, "usage", callers: true, slice => (csv, ct) => usage.WriteAsync(slice, csv, ct));

    private static IResult ExportFocus(HttpRequest request, ApiKeyPrincipal caller, FocusCostQuery focus, TimeProvider clock) =>
        Export(request, caller, clock, "focus", callers: false, slice => (csv, ct) => focus.WriteAsync(slice, csv, ct));

    // An export whose only parameters are the filter's: named <name>-<from>-<to>.csv.
    private static IResult Export(HttpRequest request, ApiKeyPrincipal caller, TimeProvider clock, string name, bool callers,
        Func<UsageSlice, Func<CsvWriter, CancellationToken, Task>> rows)
    {
        try
        {
            var slice = ExportFilter.Parse(request.Query, clock.GetUtcNow(), caller.Team, callers);
            return new CsvDownload($"{name}-{Stamp(slice.From)}-{Stamp(slice.To)}.csv", rows(slice));
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
            var slice = ExportFilter.Parse(request.Query, clock.GetUtcNow(), caller.Team, callers: true, "by");
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
