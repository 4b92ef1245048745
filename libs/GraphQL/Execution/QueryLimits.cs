using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// <summary>
/// Protection checks run after validation (so fragments are known to exist and to be acyclic): introspection, then
/// depth, fields, aliases and cost of the operation with its fragments expanded. Each fragment is measured once and
/// its measure reused wherever it is spread, so the work is linear in the document: 32 fragments that each spread
/// the next twice select 2^32 fields, and measuring them takes 33 steps, not 2^32.
/// </summary>
internal sealed class QueryLimits
{
    private static readonly string[] SizeArguments = ["first", "last", "limit", "take", "top"];

    private readonly Schema _schema;
    private readonly GraphQLOptions _options;
    private readonly IReadOnlyDictionary<string, FragmentDefinitionNode> _fragments;
    private readonly Dictionary<string, SelectionMeasure> _measuredFragments = new(StringComparer.Ordinal);

    private QueryLimits(Schema schema, GraphQLOptions options, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments)
    {
        _schema = schema;
        _options = options;
        _fragments = fragments;
    }

    public static GraphQLError? Check(Schema schema, GraphQLOptions options, OperationDefinitionNode operation, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments)
    {
        var rootType = Executor.RootType(schema, operation);
        if (rootType is null)
        {
            return null;
        }

        if (!options.EnableIntrospection && FindIntrospection(operation.SelectionSet, fragments, []) is { } introspection)
        {
            return new GraphQLError(
                "GraphQL introspection is not allowed by this server.",
                [introspection.Location.ToSource()],
                extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.IntrospectionDisabled });
        }

        var measure = new QueryLimits(schema, options, fragments).Measure(rootType, operation.SelectionSet);
        if (measure.Depth > options.MaxDepth)
        {
            return Limit($"Query depth {measure.Depth} exceeds the maximum allowed depth of {options.MaxDepth}.", operation);
        }

        if (measure.Fields > options.MaxFields)
        {
            return Limit($"Query selects {measure.Fields} fields with its fragments expanded, more than the maximum of {options.MaxFields}.", operation);
        }

        if (measure.Aliases > options.MaxAliases)
        {
            return Limit($"Query uses {measure.Aliases} aliases with its fragments expanded, more than the maximum of {options.MaxAliases}.", operation);
        }

        if (measure.Cost > options.MaxCost)
        {
            return Limit($"Query cost {measure.Cost} exceeds the maximum allowed cost of {options.MaxCost}.", operation);
        }

        return null;
    }

    private static GraphQLError Limit(string message, Node node) =>
        new(message, [node.Location.ToSource()], extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.LimitExceeded });

    private static FieldNode? FindIntrospection(SelectionSetNode set, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, HashSet<string> visited)
    {
        foreach (var selection in set.Selections)
        {
            var found = selection switch
            {
                FieldNode { Name.Value: "__schema" or "__type" } field => field,
                FieldNode { SelectionSet: { } child } => FindIntrospection(child, fragments, visited),
                InlineFragmentNode inline => FindIntrospection(inline.SelectionSet, fragments, visited),
                FragmentSpreadNode spread when visited.Add(spread.Name.Value) && fragments.TryGetValue(spread.Name.Value, out var fragment) =>
                    FindIntrospection(fragment.SelectionSet, fragments, visited),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private SelectionMeasure Measure(NamedType parentType, SelectionSetNode set)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var total = SelectionMeasure.None;
        foreach (var selection in set.Selections)
        {
            var measure = selection switch
            {
                FieldNode field => MeasureField(parentType, field),
                InlineFragmentNode inline => Measure(
                    inline.TypeCondition is null ? parentType : _schema.GetType(inline.TypeCondition.Name.Value) ?? parentType, inline.SelectionSet),
                FragmentSpreadNode spread => MeasureFragment(spread.Name.Value, parentType),
                _ => SelectionMeasure.None,
            };
            total = total.Beside(measure);
        }

        return total;
    }

    private SelectionMeasure MeasureFragment(string name, NamedType parentType)
    {
        if (_measuredFragments.TryGetValue(name, out var known))
        {
            return known;
        }

        if (!_fragments.TryGetValue(name, out var fragment))
        {
            return SelectionMeasure.None;
        }

        // A fragment's measure depends on its own type condition only, never on where it is spread.
        var measure = Measure(_schema.GetType(fragment.TypeCondition.Name.Value) ?? parentType, fragment.SelectionSet);
        _measuredFragments[name] = measure;
        return measure;
    }

    private SelectionMeasure MeasureField(NamedType parentType, FieldNode field)
    {
        var definition = _schema.GetFieldDefinition(parentType, field.Name.Value);
        var children = field.SelectionSet is null || definition is null ? SelectionMeasure.None : Measure(definition.Type.Named, field.SelectionSet);
        if (field.Name.Value is "__schema" or "__type")
        {
            // Introspection is bounded by the schema, not by data: it costs nothing (it has its own switch), but its
            // fields still count towards depth, fields and aliases.
            return SelectionMeasure.Field(0, field.Alias is not null, children with { Cost = 0 }, 1);
        }

        var listSize = definition?.Type.Nullable is ListType ? ListSize(field) : 1;
        return SelectionMeasure.Field(definition?.Cost ?? 0, field.Alias is not null, children, listSize);
    }

    private long ListSize(FieldNode field)
    {
        foreach (var argument in field.Arguments)
        {
            if (SizeArguments.Contains(argument.Name.Value) && argument.Value is IntValueNode size &&
                long.TryParse(size.Value, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return Math.Max(1, value);
            }
        }

        return _options.ListCostFactor;
    }
}
