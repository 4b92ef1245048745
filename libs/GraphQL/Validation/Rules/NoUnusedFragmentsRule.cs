using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.5.1.4 Fragments Must Be Used.
internal sealed class NoUnusedFragmentsRule(ValidationContext context) : DocumentVisitor
{
    private readonly List<OperationDefinitionNode> _operations = [];
    private readonly List<FragmentDefinitionNode> _fragments = [];

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case OperationDefinitionNode operation:
                _operations.Add(operation);
                return false;
            case FragmentDefinitionNode fragment:
                _fragments.Add(fragment);
                return false;
        }

        return true;
    }

    public override void Leave(Node node)
    {
        if (node is not DocumentNode)
        {
            return;
        }

        var used = new HashSet<string>();
        foreach (var operation in _operations)
        {
            foreach (var fragment in context.GetRecursivelyReferencedFragments(operation))
            {
                used.Add(fragment.FragmentName.Value);
            }
        }

        foreach (var fragment in _fragments)
        {
            if (!used.Contains(fragment.FragmentName.Value))
            {
                context.Report($"Fragment \"{fragment.FragmentName.Value}\" is never used.", fragment);
            }
        }
    }
}
