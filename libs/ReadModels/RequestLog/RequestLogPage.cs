namespace TokenOptimizer.ReadModels;

/// <summary>A page of the request log, newest first, each call with the cursor that follows it; <see cref="HasMore"/>: another page follows.</summary>
public sealed record RequestLogPage(IReadOnlyList<(LogCursor Cursor, LoggedRequest Request)> Rows, bool HasMore);
