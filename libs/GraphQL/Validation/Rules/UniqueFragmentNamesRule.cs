using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.4.1.1 Fragment Name Uniqueness.
internal sealed class UniqueFragmentNamesRule(ValidationContext context) : DocumentVisitor
{
    private readonly Dictionary<string, NameNode> _known = [];

    public override bool Enter(Node node)
    {
        if (node is FragmentDefinitionNode fragment)
        {
            var name = fragment.FragmentName;
            if (_known.TryGetValue(name.Value, out var previous))
            {
                context.Report($"There can be only one fragment named \"{name.Value}\".", previous, name);
            }
            else
            {
                _known[name.Value] = name;
            }
        }

        return node is DocumentNode;
    }
}
