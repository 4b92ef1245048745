namespace TokenOptimizer.GraphQL;

/// <summary>One entry of a response's <c>errors</c> list.</summary>
public sealed record GraphQLError
{
    /// <summary>Creates an error.</summary>
    /// <param name="message">Human-readable message.</param>
    /// <param name="locations">Where in the document the error applies.</param>
    /// <param name="path">Response path of the field that failed.</param>
    /// <param name="extensions">Extra data; <c>code</c> classifies the error.</param>
    public GraphQLError(
        string message,
        IReadOnlyList<SourceLocation>? locations = null,
        IReadOnlyList<object>? path = null,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        Message = message;
        Locations = locations is { Count: > 0 } ? locations : null;
        Path = path;
        Extensions = extensions;
    }

    /// <summary>Human-readable message.</summary>
    public string Message { get; init; }

    /// <summary>Locations in the document, or null.</summary>
    public IReadOnlyList<SourceLocation>? Locations { get; init; }

    /// <summary>Response path (field names and list indices), or null for request errors.</summary>
    public IReadOnlyList<object>? Path { get; init; }

    /// <summary>Extensions such as <c>code</c>.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }

    /// <summary>The <c>extensions.code</c> value, if any.</summary>
    public string? Code => Extensions?.GetValueOrDefault("code") as string;

    internal GraphQLError WithCode(string code) =>
        Extensions?.ContainsKey("code") == true
            ? this
            : this with { Extensions = new Dictionary<string, object?>(Extensions ?? new Dictionary<string, object?>()) { ["code"] = code } };
}

/// <summary>The <c>extensions.code</c> values the engine uses (the Apollo conventions clients recognise).</summary>
public static class ErrorCodes
{
    /// <summary>The document is not valid GraphQL syntax.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document breaks a validation rule.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>Variables or the operation name are invalid.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>The operation could not be chosen or the request is malformed.</summary>
    public const string BadRequest = "BAD_REQUEST";

    /// <summary>A resolver failed unexpectedly; details are hidden unless configured otherwise.</summary>
    public const string InternalServerError = "INTERNAL_SERVER_ERROR";

    /// <summary>A resolver threw a <see cref="GraphQLException"/> without a code, or a value could not be completed.</summary>
    public const string ExecutionFailed = "EXECUTION_FAILED";

    /// <summary>A protection limit (size, tokens, depth, cost) was exceeded.</summary>
    public const string LimitExceeded = "QUERY_LIMIT_EXCEEDED";

    /// <summary>Introspection is disabled by configuration.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    /// <summary>The operation type is not allowed for the transport (e.g. a mutation over GET).</summary>
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";
}
