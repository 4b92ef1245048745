using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.8.5 All Variable Usages Are Allowed.
internal sealed class VariablesInAllowedPositionRule(ValidationContext context) : DocumentVisitor
{
    private readonly Dictionary<string, VariableDefinitionNode> _definitions = [];

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                _definitions.Clear();
                break;
            case VariableDefinitionNode definition:
                _definitions[definition.Variable.Name.Value] = definition;
                break;
        }

        return true;
    }

    public override void Leave(Node node)
    {
        if (node is not OperationDefinitionNode operation)
        {
            return;
        }

        foreach (var usage in context.GetRecursiveVariableUsages(operation))
        {
            var name = usage.Node.Name.Value;
            if (!_definitions.TryGetValue(name, out var definition) || usage.Type is null)
            {
                continue;
            }

            var variableType = ValueCoercion.TypeFromAst(context.Schema, definition.Type);
            if (variableType is not null && !Allowed(variableType, definition.DefaultValue, usage.Type, usage.HasLocationDefault))
            {
                context.Report(
                    $"Variable \"${name}\" of type \"{variableType}\" used in position expecting type \"{usage.Type}\".",
                    definition,
                    usage.Node);
            }
        }
    }

    private bool Allowed(GraphQLType variableType, ValueNode? variableDefault, GraphQLType locationType, bool hasLocationDefault)
    {
        if (locationType is NonNullType nonNullLocation && variableType is not NonNullType)
        {
            var hasNonNullVariableDefault = variableDefault is not null and not NullValueNode;
            if (!hasNonNullVariableDefault && !hasLocationDefault)
            {
                return false;
            }

            return TypeComparators.IsTypeSubTypeOf(context.Schema, variableType, nonNullLocation.OfType);
        }

        return TypeComparators.IsTypeSubTypeOf(context.Schema, variableType, locationType);
    }
}
