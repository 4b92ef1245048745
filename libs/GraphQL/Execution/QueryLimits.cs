using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// Protection checks run after validation (so fragments are known to be acyclic): depth, cost, introspection.
internal static class QueryLimits
{
    private static readonly string[] SizeArguments = ["first", "last", "limit", "take", "top"];

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

        var depth = Depth(operation.SelectionSet, fragments, 0);
        if (depth > options.MaxDepth)
        {
            return Limit($"Query depth {depth} exceeds the maximum allowed depth of {options.MaxDepth}.", operation);
        }

        var cost = Cost(schema, options, rootType, operation.SelectionSet, fragments);
        if (cost > options.MaxCost)
        {
            return Limit($"Query cost {cost} exceeds the maximum allowed cost of {options.MaxCost}.", operation);
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

    private static int Depth(SelectionSetNode set, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments, int level)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var max = level;
        foreach (var selection in set.Selections)
        {
            var depth = selection switch
            {
                FieldNode { SelectionSet: { } child } => Depth(child, fragments, level + 1),
                FieldNode => level + 1,
                InlineFragmentNode inline => Depth(inline.SelectionSet, fragments, level),
                FragmentSpreadNode spread when fragments.TryGetValue(spread.Name.Value, out var fragment) => Depth(fragment.SelectionSet, fragments, level),
                _ => level,
            };
            max = Math.Max(max, depth);
        }

        return max;
    }

    private static long Cost(
        Schema schema, GraphQLOptions options, NamedType parentType, SelectionSetNode set, IReadOnlyDictionary<string, FragmentDefinitionNode> fragments)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        long total = 0;
        foreach (var selection in set.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    // Introspection is bounded by the schema, not by data; it has its own switch.
                    if (field.Name.Value is "__schema" or "__type")
                    {
                        continue;
                    }

                    var definition = schema.GetFieldDefinition(parentType, field.Name.Value);
                    if (definition is null)
                    {
                        continue;
                    }

                    total += definition.Cost;
                    if (field.SelectionSet is not null)
                    {
                        var factor = definition.Type.Nullable is ListType ? ListSize(field, options) : 1;
                        total += factor * Cost(schema, options, definition.Type.Named, field.SelectionSet, fragments);
                    }

                    break;
                case InlineFragmentNode inline:
                    var inlineType = inline.TypeCondition is null ? parentType : schema.GetType(inline.TypeCondition.Name.Value) ?? parentType;
                    total += Cost(schema, options, inlineType, inline.SelectionSet, fragments);
                    break;
                case FragmentSpreadNode spread when fragments.TryGetValue(spread.Name.Value, out var fragment):
                    total += Cost(schema, options, schema.GetType(fragment.TypeCondition.Name.Value) ?? parentType, fragment.SelectionSet, fragments);
                    break;
            }

            // Saturate instead of overflowing on adversarial documents.
            if (total > int.MaxValue)
            {
                return total;
            }
        }

        return total;
    }

    private static long ListSize(FieldNode field, GraphQLOptions options)
    {
        foreach (var argument in field.Arguments)
        {
            if (SizeArguments.Contains(argument.Name.Value) && argument.Value is IntValueNode size &&
                long.TryParse(size.Value, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return Math.Max(1, value);
            }
        }

        return options.ListCostFactor;
    }
}
