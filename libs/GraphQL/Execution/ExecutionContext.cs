using System.Collections.Concurrent;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// Per-request execution state (specification §6: the operation, fragments, coerced variables, errors).
internal sealed class ExecutionContext(
    Schema schema,
    GraphQLRequest request,
    OperationDefinitionNode operation,
    IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
    IReadOnlyDictionary<string, object?> variableValues,
    GraphQLOptions options,
    CancellationToken cancellationToken)
{
    private readonly ConcurrentQueue<GraphQLError> _errors = new();

    public Schema Schema { get; } = schema;

    public GraphQLRequest Request { get; } = request;

    public OperationDefinitionNode Operation { get; } = operation;

    public IReadOnlyDictionary<string, FragmentDefinitionNode> Fragments { get; } = fragments;

    public IReadOnlyDictionary<string, object?> VariableValues { get; } = variableValues;

    public GraphQLOptions Options { get; } = options;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public BatchScheduler Batches { get; } = new();

    public ConcurrentDictionary<(ObjectType, IReadOnlyList<FieldNode>), Dictionary<string, List<FieldNode>>> SubfieldCache { get; } = new();

    public void AddError(GraphQLError error) => _errors.Enqueue(error);

    public IReadOnlyList<GraphQLError>? Errors => _errors.IsEmpty ? null : [.. _errors];
}
