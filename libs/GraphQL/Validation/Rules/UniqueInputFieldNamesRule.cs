using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.6.3 Input Object Field Uniqueness.
internal sealed class UniqueInputFieldNamesRule(ValidationContext context) : DocumentVisitor
{
    private readonly Stack<Dictionary<string, NameNode>> _stack = new();

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case ObjectValueNode:
                _stack.Push([]);
                break;
            case ObjectFieldNode field when _stack.TryPeek(out var known):
                if (known.TryGetValue(field.Name.Value, out var previous))
                {
                    context.Report($"There can be only one input field named \"{field.Name.Value}\".", previous, field.Name);
                }
                else
                {
                    known[field.Name.Value] = field.Name;
                }

                break;
        }

        return true;
    }

    public override void Leave(Node node)
    {
        if (node is ObjectValueNode)
        {
            _stack.Pop();
        }
    }
}
