using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Execution;

/// CollectFields (specification §6.3.2), including @skip and @include.
internal static class FieldCollector
{
    public static Dictionary<string, List<FieldNode>> Collect(
        Schema schema,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables,
        ObjectType runtimeType,
        SelectionSetNode selectionSet)
    {
        var fields = new Dictionary<string, List<FieldNode>>();
        CollectInto(schema, fragments, variables, runtimeType, selectionSet, fields, []);
        return fields;
    }

    public static Dictionary<string, List<FieldNode>> CollectSubfields(ExecutionContext context, ObjectType returnType, IReadOnlyList<FieldNode> fieldNodes) =>
        context.SubfieldCache.GetOrAdd((returnType, fieldNodes), static (key, ctx) =>
        {
            var fields = new Dictionary<string, List<FieldNode>>();
            var visited = new HashSet<string>();
            foreach (var node in key.Item2)
            {
                if (node.SelectionSet is not null)
                {
                    CollectInto(ctx.Schema, ctx.Fragments, ctx.VariableValues, key.Item1, node.SelectionSet, fields, visited);
                }
            }

            return fields;
        }, context);

    private static void CollectInto(
        Schema schema,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables,
        ObjectType runtimeType,
        SelectionSetNode selectionSet,
        Dictionary<string, List<FieldNode>> fields,
        HashSet<string> visitedFragments)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    if (!ShouldInclude(schema, variables, field.Directives))
                    {
                        continue;
                    }

                    var key = field.ResponseKey;
                    if (!fields.TryGetValue(key, out var list))
                    {
                        fields[key] = list = [];
                    }

                    list.Add(field);
                    break;
                case InlineFragmentNode inline:
                    if (!ShouldInclude(schema, variables, inline.Directives) || !ConditionMatches(schema, inline.TypeCondition, runtimeType))
                    {
                        continue;
                    }

                    CollectInto(schema, fragments, variables, runtimeType, inline.SelectionSet, fields, visitedFragments);
                    break;
                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    if (visitedFragments.Contains(name) || !ShouldInclude(schema, variables, spread.Directives))
                    {
                        continue;
                    }

                    visitedFragments.Add(name);
                    if (!fragments.TryGetValue(name, out var fragment) || !ConditionMatches(schema, fragment.TypeCondition, runtimeType))
                    {
                        continue;
                    }

                    CollectInto(schema, fragments, variables, runtimeType, fragment.SelectionSet, fields, visitedFragments);
                    break;
            }
        }
    }

    private static bool ShouldInclude(Schema schema, IReadOnlyDictionary<string, object?> variables, IReadOnlyList<DirectiveNode> directives)
    {
        if (directives.Count == 0)
        {
            return true;
        }

        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var definition = schema.GetDirective(name)!;
            var arguments = ValueCoercion.GetArgumentValues(definition.Arguments, directive.Arguments, variables, directive);
            var condition = arguments["if"] is true;
            if (name == "skip" && condition)
            {
                return false;
            }

            if (name == "include" && !condition)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ConditionMatches(Schema schema, NamedTypeNode? condition, ObjectType type)
    {
        if (condition is null)
        {
            return true;
        }

        var conditionType = schema.GetType(condition.Name.Value);
        if (conditionType == type)
        {
            return true;
        }

        return conditionType is InterfaceType or UnionType && schema.IsSubType(conditionType, type);
    }
}
