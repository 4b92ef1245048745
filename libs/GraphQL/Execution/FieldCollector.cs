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

    /// Pairs each response key with its field definition once, so list items do not look it up again.
    public static List<PlannedField> Plan(Schema schema, ObjectType type, Dictionary<string, List<FieldNode>> fields)
    {
        var plan = new List<PlannedField>(fields.Count);
        foreach (var (key, nodes) in fields)
        {
            plan.Add(new PlannedField(key, nodes, schema.GetFieldDefinition(type, nodes[0].Name.Value)));
        }

        return plan;
    }

    public static List<PlannedField> CollectSubfields(ExecutionContext context, ObjectType returnType, IReadOnlyList<FieldNode> fieldNodes) =>
        context.GetSubfields(returnType, fieldNodes, (type, nodes) =>
        {
            var fields = new Dictionary<string, List<FieldNode>>();
            var visited = new HashSet<string>();
            foreach (var node in nodes)
            {
                if (node.SelectionSet is not null)
                {
                    CollectInto(context.Schema, context.Fragments, context.VariableValues, type, node.SelectionSet, fields, visited);
                }
            }

            return Plan(context.Schema, type, fields);
        });

    private static void CollectInto(
        Schema schema,
        IReadOnlyDictionary<string, FragmentDefinitionNode> fragments,
        IReadOnlyDictionary<string, object?> variables,
        ObjectType runtimeType,
        SelectionSetNode selectionSet,
        Dictionary<string, List<FieldNode>> fields,
        HashSet<string> visitedFragments)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
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

/// A response key, the field nodes merged under it, and the field they select (null when unknown).
internal sealed record PlannedField(string Key, List<FieldNode> Nodes, FieldDefinition? Definition);
