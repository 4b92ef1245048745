namespace TokenOptimizer.GraphQL;

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

    /// <summary>The operation ran longer than <see cref="GraphQLOptions.ExecutionTimeout"/> and was stopped.</summary>
    public const string Timeout = "QUERY_TIMEOUT";

    /// <summary>Introspection is disabled by configuration.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    /// <summary>The operation type is not allowed for the transport (e.g. a mutation over GET).</summary>
    public const string OperationNotAllowed = "OPERATION_NOT_ALLOWED";
}
