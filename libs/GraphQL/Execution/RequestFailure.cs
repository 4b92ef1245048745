namespace TokenOptimizer.GraphQL;

/// <summary>Why a request produced no data; the HTTP transport maps these to status codes.</summary>
public enum RequestFailure
{
    /// <summary>The document is not valid syntax.</summary>
    Parse,

    /// <summary>The document failed validation.</summary>
    Validation,

    /// <summary>Variables could not be coerced or no operation could be chosen.</summary>
    Variables,

    /// <summary>A protection limit was exceeded.</summary>
    Limit,

    /// <summary>Execution ran out of time (<see cref="GraphQLOptions.ExecutionTimeout"/>) and was stopped.</summary>
    Timeout,

    /// <summary>The operation is not allowed here (e.g. introspection disabled, or a subscription via execute).</summary>
    NotAllowed,
}
