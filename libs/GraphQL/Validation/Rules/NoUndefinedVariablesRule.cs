using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.8.3 All Variable Uses Defined.
internal sealed class NoUndefinedVariablesRule(ValidationContext context) : DocumentVisitor
{
    private readonly HashSet<string> _defined = [];

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case OperationDefinitionNode:
                _defined.Clear();
                break;
            case VariableDefinitionNode definition:
                _defined.Add(definition.Variable.Name.Value);
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
            if (!_defined.Contains(name))
            {
                context.Report(
                    operation.Name is not null
                        ? $"Variable \"${name}\" is not defined by operation \"{operation.Name.Value}\"."
                        : $"Variable \"${name}\" is not defined.",
                    usage.Node,
                    operation);
            }
        }
    }
}
