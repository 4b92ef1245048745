using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.7.1 Directives Are Defined, §5.7.2 Directives Are In Valid Locations.
internal sealed class KnownDirectivesRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = context.KnownDirectives;
    private readonly Stack<Node> _ancestors = new();

    public override bool Enter(Node node)
    {
        if (KnownDirectiveSet.DirectivesOf(node) is { Count: > 0 } directives)
        {
            var location = Location(node);
            foreach (var directive in directives)
            {
                var name = directive.Name.Value;
                if (!_known.Locations.TryGetValue(name, out var locations))
                {
                    context.Report($"Unknown directive \"@{name}\".", directive);
                }
                else if (location is not null && !locations.Contains(location))
                {
                    context.Report($"Directive \"@{name}\" may not be used on {location}.", directive);
                }
            }
        }

        _ancestors.Push(node);
        return true;
    }

    public override void Leave(Node node) => _ancestors.Pop();

    private string? Location(Node node) => node switch
    {
        OperationDefinitionNode operation => operation.Operation.ToString().ToUpperInvariant(),
        FieldNode => "FIELD",
        FragmentSpreadNode => "FRAGMENT_SPREAD",
        InlineFragmentNode => "INLINE_FRAGMENT",
        FragmentDefinitionNode => "FRAGMENT_DEFINITION",
        VariableDefinitionNode => "VARIABLE_DEFINITION",
        SchemaDefinitionNode or SchemaExtensionNode => "SCHEMA",
        TypeDefinitionNode type => type.Kind switch
        {
            TypeDefinitionKind.Scalar => "SCALAR",
            TypeDefinitionKind.Object => "OBJECT",
            TypeDefinitionKind.Interface => "INTERFACE",
            TypeDefinitionKind.Union => "UNION",
            TypeDefinitionKind.Enum => "ENUM",
            _ => "INPUT_OBJECT",
        },
        FieldDefinitionNode => "FIELD_DEFINITION",
        EnumValueDefinitionNode => "ENUM_VALUE",
        InputValueDefinitionNode => _ancestors.TryPeek(out var parent) && parent is TypeDefinitionNode { Kind: TypeDefinitionKind.InputObject }
            ? "INPUT_FIELD_DEFINITION"
            : "ARGUMENT_DEFINITION",
        _ => null,
    };
}
