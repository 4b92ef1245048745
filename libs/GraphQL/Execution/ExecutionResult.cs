namespace TokenOptimizer.GraphQL;

/// <summary>The result of executing a request: <c>data</c>, <c>errors</c> and <c>extensions</c>.</summary>
public sealed class ExecutionResult
{
    /// <summary>The data; null when execution failed at the root or never started.</summary>
    public IReadOnlyDictionary<string, object?>? Data { get; init; }

    /// <summary>Whether the response carries a <c>data</c> entry (it is absent for request errors).</summary>
    public bool HasData { get; init; }

    /// <summary>Errors, or null when there were none.</summary>
    public IReadOnlyList<GraphQLError>? Errors { get; init; }

    /// <summary>Response extensions, or null.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>For subscriptions: one result per source event. Null for queries and mutations.</summary>
    public IAsyncEnumerable<ExecutionResult>? Stream { get; init; }

    /// <summary>The error kind that stopped the request before execution (parse, validation, variables) or during it (a timeout), or null.</summary>
    public RequestFailure? Failure { get; init; }

    internal static ExecutionResult RequestError(RequestFailure failure, IReadOnlyList<GraphQLError> errors) =>
        new() { Errors = errors, Failure = failure };
}
