using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.8.1 Variable Uniqueness.
internal sealed class UniqueVariableNamesRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is OperationDefinitionNode operation)
        {
            foreach (var group in operation.VariableDefinitions.GroupBy(v => v.Variable.Name.Value).Where(g => g.Count() > 1))
            {
                context.Report($"There can be only one variable named \"${group.Key}\".", [.. group.Select(v => v.Variable.Name)]);
            }
        }

        return true;
    }
}
