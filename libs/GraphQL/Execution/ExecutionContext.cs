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

    private SharedResolutions? _shared;

    // Made on first use: few requests select a field that is resolved once per request.
    public SharedResolutions Shared => LazyInitializer.EnsureInitialized(ref _shared);

    private readonly Dictionary<(ObjectType, IReadOnlyList<FieldNode>), List<PlannedField>> _subfields = [];

    // A plain dictionary under a lock: far cheaper to create per request than a ConcurrentDictionary.
    public List<PlannedField> GetSubfields(ObjectType type, IReadOnlyList<FieldNode> nodes, Func<ObjectType, IReadOnlyList<FieldNode>, List<PlannedField>> plan)
    {
        lock (_subfields)
        {
            if (_subfields.TryGetValue((type, nodes), out var cached))
            {
                return cached;
            }
        }

        var planned = plan(type, nodes);
        lock (_subfields)
        {
            _subfields.TryAdd((type, nodes), planned);
        }

        return planned;
    }

    public void AddError(GraphQLError error) => _errors.Enqueue(error);

    public IReadOnlyList<GraphQLError>? Errors => _errors.IsEmpty ? null : [.. _errors];
}
