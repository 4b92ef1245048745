using TokenOptimizer.Query.ReadingUsageLog;
using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.GettingErrors;

/// <summary>
/// The error report: the failed calls from the request log (its partial failures index), and the counts from the
/// rollups' <c>failure_count</c> and <c>errors_*</c> columns, per provider and model, for the slice and the equal
/// period before. The few (provider, model) rows are then summed per type, provider and model here.
/// </summary>
public sealed class ErrorsQuery(UsageRollupReader rollups, UsageLogQuery log)
{
    public async Task<ErrorReport> GetAsync(UsageSlice slice, PageRequest page, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var recent = await log.GetAsync(slice, page, failuresOnly: true, turns, cancellationToken);
        var current = await rollups.FailuresByModelAsync(slice, turns, cancellationToken);
        var previous = await rollups.FailuresByModelAsync(slice.Previous(), turns, cancellationToken);
        return new ErrorReport
        {
            Recent = recent,
            ByType = Groups(ByType(current), ByType(previous)),
            ByProvider = Groups(By(current, c => c.Provider), By(previous, c => c.Provider)),
            ByModel = Groups(By(current, c => c.Model), By(previous, c => c.Model)),
        };
    }

    // An error type's failures are a share of every call: any call could have failed that way.
    private static Dictionary<string, (long Failures, long Requests)> ByType(List<FailureCounts> counts) =>
        UsageRollupTables.ErrorTypes.Select((type, i) => (type, Failures: counts.Sum(c => c.ByErrorType[i]), Requests: counts.Sum(c => c.Requests)))
            .ToDictionary(g => g.type, g => (g.Failures, g.Requests), StringComparer.Ordinal);

    private static Dictionary<string, (long Failures, long Requests)> By(List<FailureCounts> counts, Func<FailureCounts, string> key) =>
        counts.GroupBy(key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Sum(c => c.Failures), g.Sum(c => c.Requests)), StringComparer.Ordinal);

    // Only what failed in the slice is listed, most failures first.
    private static List<FailureGroup> Groups(Dictionary<string, (long Failures, long Requests)> current, Dictionary<string, (long Failures, long Requests)> previous) =>
        current.Where(g => g.Value.Failures > 0)
            .Select(g =>
            {
                var before = previous.GetValueOrDefault(g.Key).Failures;
                return new FailureGroup
                {
                    Key = g.Key, Failures = g.Value.Failures, Requests = g.Value.Requests,
                    ErrorRate = Math.Round((double)g.Value.Failures / g.Value.Requests, 4),
                    PreviousFailures = before,
                    TrendPercent = before == 0 ? null : Math.Round((decimal)(g.Value.Failures - before) / before * 100, 2),
                };
            })
            .OrderByDescending(g => g.Failures).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
}
