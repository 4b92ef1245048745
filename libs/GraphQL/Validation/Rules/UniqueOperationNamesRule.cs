using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.2.1.1 Operation Name Uniqueness.
internal sealed class UniqueOperationNamesRule(ValidationContext context) : DocumentVisitor
{
    private readonly Dictionary<string, NameNode> _known = [];

    public override bool Enter(Node node)
    {
        if (node is OperationDefinitionNode { Name: { } name })
        {
            if (_known.TryGetValue(name.Value, out var previous))
            {
                context.Report($"There can be only one operation named \"{name.Value}\".", previous, name);
            }
            else
            {
                _known[name.Value] = name;
            }
        }

        return node is DocumentNode;
    }
}
