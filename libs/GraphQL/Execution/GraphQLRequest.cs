namespace TokenOptimizer.GraphQL;

/// <summary>A GraphQL request: the document, which operation to run, and its variables.</summary>
public sealed record GraphQLRequest
{
    /// <summary>The document text.</summary>
    public required string Query { get; init; }

    /// <summary>The operation to run when the document has several.</summary>
    public string? OperationName { get; init; }

    /// <summary>Variable values in JSON form: dictionaries, lists, strings, numbers, booleans and null.</summary>
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }

    /// <summary>Value passed as the parent of root fields.</summary>
    public object? RootValue { get; init; }

    /// <summary>Application context, available to resolvers as <see cref="ResolveContext.UserContext"/>.</summary>
    public object? UserContext { get; init; }

    /// <summary>Services for resolvers, available as <see cref="ResolveContext.Services"/>.</summary>
    public IServiceProvider? Services { get; init; }
}
