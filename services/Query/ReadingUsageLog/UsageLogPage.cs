using TokenOptimizer.ReadModels;

namespace TokenOptimizer.Query.ReadingUsageLog;

/// <summary>A page of the request log as a Relay connection: rows newest first, each with the cursor that follows it.</summary>
public sealed record UsageLogPage(IReadOnlyList<UsageLogEdge> Edges, PageInfo PageInfo);

public sealed record UsageLogEdge(string Cursor, LoggedRequest Node);

/// <summary><see cref="EndCursor"/> is null on an empty page.</summary>
public sealed record PageInfo(bool HasNextPage, string? EndCursor);
