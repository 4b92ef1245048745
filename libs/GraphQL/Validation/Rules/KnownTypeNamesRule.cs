using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.5.1.2 Fragment spread type existence (and every other named type reference).
internal sealed class KnownTypeNamesRule(ValidationContext context) : DocumentVisitor
{
    private static readonly HashSet<string> StandardTypeNames =
        ["String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__EnumValue", "__InputValue", "__TypeKind"];

    private readonly HashSet<string> _definedTypes = [.. context.Document.Definitions.OfType<TypeDefinitionNode>().Select(t => t.Name.Value)];
    private int _sdlDepth;

    public override bool Enter(Node node)
    {
        if (node is TypeSystemDefinitionNode)
        {
            _sdlDepth++;
        }

        if (node is NamedTypeNode named)
        {
            var name = named.Name.Value;
            if (context.Schema.GetType(name) is null && !_definedTypes.Contains(name) &&
                !(_sdlDepth > 0 && StandardTypeNames.Contains(name)))
            {
                var candidates = context.Schema.Types.Select(t => t.Name).Concat(_definedTypes);
                if (_sdlDepth > 0)
                {
                    candidates = StandardTypeNames.Concat(candidates);
                }

                context.Report($"Unknown type \"{name}\"." + Suggestions.DidYouMean(Suggestions.For(name, candidates.Distinct())), named);
            }
        }

        return true;
    }

    public override void Leave(Node node)
    {
        if (node is TypeSystemDefinitionNode)
        {
            _sdlDepth--;
        }
    }
}
