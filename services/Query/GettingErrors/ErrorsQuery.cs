using Microsoft.Extensions.Options;
using Npgsql;
using TokenOptimizer.Query.Filtering;
using TokenOptimizer.Query.ReadingUsageLog;
using TokenOptimizer.Query.Serving;

namespace TokenOptimizer.Query.GettingErrors;

/// <summary>
/// The error report: the failed calls from the request log (its partial failures index), and the counts from the
/// rollups' <c>failure_count</c> and <c>errors_*</c> columns, per provider and model, for the slice and the equal
/// period before. The few (provider, model) rows are then summed per type, provider and model here.
/// </summary>
public sealed class ErrorsQuery(NpgsqlDataSource dataSource, UsageLogQuery log, TimeProvider clock, IOptions<QueryOptions> options)
{
    // The error types with a rollup column (errors_<type>), as Aggregation counts them: an unknown type counts as other.
    public static readonly IReadOnlyList<string> ErrorTypes = ["timeout", "rate_limit", "invalid_request", "server_error", "auth_error", "content_filter", "other"];

    public async Task<ErrorReport> GetAsync(UsageSlice slice, PageRequest page, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var recent = await log.GetAsync(slice, page, failuresOnly: true, turns, cancellationToken);
        var now = clock.GetUtcNow();
        var current = await CountsAsync(slice, now, turns, cancellationToken);
        var previous = await CountsAsync(slice.Previous(), now, turns, cancellationToken);
        return new ErrorReport
        {
            Recent = recent,
            ByType = Groups(ByType(current), ByType(previous)),
            ByProvider = Groups(By(current, c => c.Provider), By(previous, c => c.Provider)),
            ByModel = Groups(By(current, c => c.Model), By(previous, c => c.Model)),
        };
    }

    private async Task<List<Counts>> CountsAsync(UsageSlice slice, DateTimeOffset now, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var filter = new SqlFilter();
        var typeColumns = ErrorTypes.Select(t => "errors_" + t).ToList();
        var rows = RollupUnion.Sql(slice, $"provider, model, request_count, failure_count, {string.Join(", ", typeColumns)}",
            filter, now, options.Value.MinuteRowsKeptFor);
        using var turn = await turns.TakeAsync(cancellationToken);
        await using var command = filter.Command(dataSource, $"""
            SELECT provider, model, sum(request_count)::bigint, sum(failure_count)::bigint, {string.Join(", ", typeColumns.Select(c => $"sum({c})::bigint"))}
            FROM ({rows}) r GROUP BY provider, model
            """);
        var counts = new List<Counts>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts.Add(new Counts(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                ErrorTypes.Select((_, i) => reader.GetInt64(4 + i)).ToArray()));
        }

        return counts;
    }

    // An error type's failures are a share of every call: any call could have failed that way.
    private static Dictionary<string, (long Failures, long Requests)> ByType(List<Counts> counts) =>
        ErrorTypes.Select((type, i) => (type, Failures: counts.Sum(c => c.ByType[i]), Requests: counts.Sum(c => c.Requests)))
            .ToDictionary(g => g.type, g => (g.Failures, g.Requests), StringComparer.Ordinal);

    private static Dictionary<string, (long Failures, long Requests)> By(List<Counts> counts, Func<Counts, string> key) =>
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

    private sealed record Counts(string Provider, string Model, long Requests, long Failures, long[] ByType);
}
