using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.8.4 All Variables Used.
internal sealed class NoUnusedVariablesRule(ValidationContext context) : DocumentVisitor
{
    private readonly List<VariableDefinitionNode> _definitions = [];

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                _definitions.Clear();
                break;
            case VariableDefinitionNode definition:
                _definitions.Add(definition);
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

        var used = context.GetRecursiveVariableUsages(operation).Select(u => u.Node.Name.Value).ToHashSet();
        foreach (var definition in _definitions)
        {
            var name = definition.Variable.Name.Value;
            if (!used.Contains(name))
            {
                context.Report(
                    operation.Name is not null
                        ? $"Variable \"${name}\" is never used in operation \"{operation.Name.Value}\"."
                        : $"Variable \"${name}\" is never used.",
                    definition);
            }
        }
    }
}
