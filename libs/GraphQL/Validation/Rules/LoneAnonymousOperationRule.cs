using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.2.2.1 Lone Anonymous Operation.
internal sealed class LoneAnonymousOperationRule(ValidationContext context) : DocumentVisitor
{
    private int _operationCount;

    public override bool Enter(Node node)
    {
        if (node is DocumentNode document)
        {
            _operationCount = document.Definitions.Count(d => d is OperationDefinitionNode);
        }
        else if (node is OperationDefinitionNode { Name: null } operation && _operationCount > 1)
        {
            context.Report("This anonymous operation must be the only defined operation.", operation);
        }

        return true;
    }
}
