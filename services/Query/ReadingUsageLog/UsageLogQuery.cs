using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ReadingUsageLog;

/// <summary>
/// Pages of the request log as Relay connections, newest first, by keyset (<see cref="RequestLogReader.PageAsync"/>):
/// a page is the rows strictly below the cursor's <c>(occurred_at, seq)</c>, so page 1 000 costs what page 1 does.
/// </summary>
public sealed class UsageLogQuery(RequestLogReader log)
{
    public async Task<UsageLogPage> GetAsync(UsageSlice slice, PageRequest page, bool failuresOnly, DatabaseTurns turns, CancellationToken cancellationToken)
    {
        var read = await log.PageAsync(slice, page.First, page.After, failuresOnly, turns, cancellationToken);
        var edges = read.Rows.Select(row => new UsageLogEdge(row.Cursor.Encode(), row.Request)).ToList();
        return new UsageLogPage(edges, new PageInfo(read.HasMore, edges.Count == 0 ? null : edges[^1].Cursor));
    }
}
