using System.Collections.Concurrent;
using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;
using TokenOptimizer.GraphQL.Validation;

namespace TokenOptimizer.GraphQL;

/// <summary>
/// Runs GraphQL requests against a schema: parse, validate, protect, coerce variables, execute.
/// Thread-safe; create one per schema and reuse it (it caches parsed and validated documents).
/// </summary>
public sealed class GraphQLExecutor
{
    private readonly ConcurrentDictionary<string, PreparedDocument> _documents = new(StringComparer.Ordinal);

    /// <summary>Creates an executor.</summary>
    /// <param name="schema">The schema.</param>
    /// <param name="options">Limits and switches; defaults when null.</param>
    public GraphQLExecutor(Schema schema, GraphQLOptions? options = null)
    {
        Schema = schema;
        Options = options ?? new GraphQLOptions();
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <summary>The options.</summary>
    public GraphQLOptions Options { get; }

    /// <summary>
    /// Executes a query or mutation, or starts a subscription (the result then carries <see cref="ExecutionResult.Stream"/>).
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels resolvers and the subscription stream.</param>
    /// <returns>The result; never throws for request or field errors.</returns>
    public Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ExecuteAsync(request, Prepare(request), cancellationToken);
    }

    internal Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, PreparedRequest prepared, CancellationToken cancellationToken) =>
        prepared.Failure is not null ? Task.FromResult(prepared.Failure) : RunAsync(request, prepared, cancellationToken);

    internal PreparedRequest Prepare(GraphQLRequest request)
    {
        if (request.Query.Length > Options.MaxDocumentLength)
        {
            return PreparedRequest.Failed(ExecutionResult.RequestError(RequestFailure.Limit, [new GraphQLError(
                $"Document of {request.Query.Length} characters exceeds the maximum allowed length of {Options.MaxDocumentLength}.",
                extensions: Code(ErrorCodes.LimitExceeded))]));
        }

        var document = GetDocument(request.Query);
        if (document.Errors is { } errors)
        {
            return PreparedRequest.Failed(ExecutionResult.RequestError(document.Failure!.Value, errors));
        }

        var operation = SelectOperation(document.Document!, request.OperationName, out var operationError);
        if (operation is null)
        {
            return PreparedRequest.Failed(ExecutionResult.RequestError(RequestFailure.Variables, [operationError!]));
        }

        var limit = document.Limits.GetOrAdd(operation, static (op, state) =>
        {
            try
            {
                return QueryLimits.Check(state.Schema, state.Options, op, state.document.Fragments);
            }
            catch (InsufficientExecutionStackException)
            {
                return PreparedDocument.TooComplex();
            }
        }, (Schema, Options, document));

        if (limit is not null)
        {
            var failure = limit.Code == ErrorCodes.IntrospectionDisabled ? RequestFailure.NotAllowed : RequestFailure.Limit;
            return PreparedRequest.Failed(ExecutionResult.RequestError(failure, [limit]));
        }

        return new PreparedRequest(document, operation, null);
    }

    private async Task<ExecutionResult> RunAsync(GraphQLRequest request, PreparedRequest prepared, CancellationToken cancellationToken)
    {
        var operation = prepared.Operation!;
        var (variables, variableErrors) = ValueCoercion.CoerceVariableValues(Schema, operation.VariableDefinitions, request.Variables);
        if (variableErrors.Count > 0)
        {
            return ExecutionResult.RequestError(RequestFailure.Variables, variableErrors.Select(e => e.WithCode(ErrorCodes.BadUserInput)).ToList());
        }

        if (operation.Operation == OperationType.Subscription)
        {
            // The stream lives as long as the client wants it; each event's execution gets its own time limit.
            var streamContext = new Execution.ExecutionContext(Schema, request, operation, prepared.Document!.Fragments, variables, Options, cancellationToken);
            return await Subscriptions.SubscribeAsync(streamContext).ConfigureAwait(false);
        }

        return await WithinTimeLimitAsync(Options, cancellationToken, token => Executor.ExecuteOperationAsync(
            new Execution.ExecutionContext(Schema, request, operation, prepared.Document!.Fragments, variables, Options, token), request.RootValue)).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs an execution under <see cref="GraphQLOptions.ExecutionTimeout"/>: when time runs out its resolvers are
    /// cancelled and the answer is a <c>QUERY_TIMEOUT</c> error at once, even if a resolver ignores its token.
    /// </summary>
    internal static async Task<ExecutionResult> WithinTimeLimitAsync(
        GraphQLOptions options, CancellationToken cancellationToken, Func<CancellationToken, Task<ExecutionResult>> execute)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.ExecutionTimeout);
        try
        {
            return await execute(deadline.Token).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ExecutionResult.RequestError(RequestFailure.Timeout, [new GraphQLError(
                string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The operation took longer than the limit of {options.ExecutionTimeout.TotalSeconds:0.###} seconds and was stopped."),
                extensions: Code(ErrorCodes.Timeout))]);
        }
    }

    internal static OperationDefinitionNode? SelectOperation(PreparedDocument document, string? operationName, out GraphQLError? error) =>
        SelectOperation(document.Document!, operationName, out error);

    internal static OperationDefinitionNode? SelectOperation(DocumentNode document, string? operationName, out GraphQLError? error)
    {
        error = null;
        OperationDefinitionNode? found = null;
        foreach (var operation in document.Definitions.OfType<OperationDefinitionNode>())
        {
            if (string.IsNullOrEmpty(operationName))
            {
                if (found is not null)
                {
                    error = new GraphQLError("Must provide operation name if query contains multiple operations.", extensions: Code(ErrorCodes.BadRequest));
                    return null;
                }

                found = operation;
            }
            else if (operation.Name?.Value == operationName)
            {
                found = operation;
            }
        }

        if (found is null)
        {
            error = new GraphQLError(
                string.IsNullOrEmpty(operationName) ? "Must provide an operation." : $"Unknown operation named \"{operationName}\".",
                extensions: Code(ErrorCodes.BadRequest));
        }

        return found;
    }

    internal PreparedDocument GetDocument(string query)
    {
        if (Options.DocumentCacheSize <= 0)
        {
            return PreparedDocument.Create(Schema, query, Options);
        }

        if (_documents.TryGetValue(query, out var cached))
        {
            return cached;
        }

        var prepared = PreparedDocument.Create(Schema, query, Options);
        if (_documents.Count >= Options.DocumentCacheSize)
        {
            // Crude but bounded: a full cache is dropped rather than tracked for recency.
            _documents.Clear();
        }

        _documents[query] = prepared;
        return prepared;
    }

    private static Dictionary<string, object?> Code(string code) => new() { ["code"] = code };
}

/// A parsed and validated document, or the errors that stopped it.
internal sealed class PreparedDocument
{
    private PreparedDocument(DocumentNode? document, IReadOnlyList<GraphQLError>? errors, RequestFailure? failure)
    {
        Document = document;
        Errors = errors;
        Failure = failure;
        Fragments = document?.Definitions.OfType<FragmentDefinitionNode>()
            .GroupBy(f => f.FragmentName.Value)
            .ToDictionary(g => g.Key, g => g.Last()) ?? [];
    }

    public DocumentNode? Document { get; }

    public IReadOnlyList<GraphQLError>? Errors { get; }

    public RequestFailure? Failure { get; }

    public Dictionary<string, FragmentDefinitionNode> Fragments { get; }

    /// Protection checks depend on the operation only (not on variables), so they run once per cached document.
    public ConcurrentDictionary<OperationDefinitionNode, GraphQLError?> Limits { get; } = new(ReferenceEqualityComparer.Instance);

    public static PreparedDocument Create(Schema schema, string query, GraphQLOptions options)
    {
        DocumentNode document;
        try
        {
            document = Parser.Parse(query, options);
        }
        catch (GraphQLSyntaxException syntax)
        {
            var code = syntax.IsLimit ? ErrorCodes.LimitExceeded : ErrorCodes.ParseFailed;
            return new PreparedDocument(null, [new GraphQLError(syntax.Message, [syntax.Location], extensions: new Dictionary<string, object?> { ["code"] = code })],
                syntax.IsLimit ? RequestFailure.Limit : RequestFailure.Parse);
        }

        try
        {
            var errors = DocumentValidator.Validate(schema, document);
            return errors.Count > 0 ? new PreparedDocument(document, errors, RequestFailure.Validation) : new PreparedDocument(document, null, null);
        }
        catch (InsufficientExecutionStackException)
        {
            return new PreparedDocument(null, [TooComplex()], RequestFailure.Limit);
        }
    }

    public static GraphQLError TooComplex() =>
        new("The document is too deeply nested to process.", extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.LimitExceeded });
}

/// The outcome of preparing a request: the operation to run, or a finished error result.
internal sealed record PreparedRequest(PreparedDocument? Document, OperationDefinitionNode? Operation, ExecutionResult? Failure)
{
    public static PreparedRequest Failed(ExecutionResult result) => new(null, null, result);
}
