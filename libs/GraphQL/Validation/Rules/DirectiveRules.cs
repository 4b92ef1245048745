using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// Directive definitions known to a document: the schema's plus any the document itself defines.
internal sealed class KnownDirectiveSet
{
    public KnownDirectiveSet(ValidationContext context)
    {
        foreach (var directive in context.Schema.Directives)
        {
            Locations[directive.Name] = [.. directive.Locations];
            Repeatable[directive.Name] = directive.IsRepeatable;
            Arguments[directive.Name] = [.. directive.Arguments.Select(a => a.Name)];
            Required[directive.Name] = [.. directive.Arguments.Where(a => a.Type is NonNullType && !a.HasDefaultValue).Select(a => (a.Name, a.Type.ToString()))];
        }

        foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
        {
            var name = definition.Name.Value;
            Locations[name] = [.. definition.Locations.Select(l => l.Value)];
            Repeatable[name] = definition.Repeatable;
            Arguments[name] = [.. definition.Arguments.Select(a => a.Name.Value)];
            Required[name] = [.. definition.Arguments.Where(a => a.Type is NonNullTypeNode && a.DefaultValue is null).Select(a => (a.Name.Value, Printer.Print(a.Type)))];
        }
    }

    public Dictionary<string, HashSet<string>> Locations { get; } = [];

    public Dictionary<string, bool> Repeatable { get; } = [];

    public Dictionary<string, List<string>> Arguments { get; } = [];

    public Dictionary<string, List<(string Name, string Type)>> Required { get; } = [];

    public static IReadOnlyList<DirectiveNode>? DirectivesOf(Node node) => node switch
    {
        OperationDefinitionNode n => n.Directives,
        FieldNode n => n.Directives,
        FragmentSpreadNode n => n.Directives,
        InlineFragmentNode n => n.Directives,
        FragmentDefinitionNode n => n.Directives,
        VariableDefinitionNode n => n.Directives,
        SchemaDefinitionNode n => n.Directives,
        SchemaExtensionNode n => n.Directives,
        TypeDefinitionNode n => n.Directives,
        FieldDefinitionNode n => n.Directives,
        InputValueDefinitionNode n => n.Directives,
        EnumValueDefinitionNode n => n.Directives,
        _ => null,
    };
}

/// §5.7.1 Directives Are Defined, §5.7.2 Directives Are In Valid Locations.
internal sealed class KnownDirectivesRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = new(context);
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

/// §5.7.3 Directives Are Unique Per Location.
internal sealed class UniqueDirectivesPerLocationRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = new(context);

    public override bool Enter(Node node)
    {
        if (KnownDirectiveSet.DirectivesOf(node) is not { Count: > 1 } directives)
        {
            return true;
        }

        var seen = new Dictionary<string, DirectiveNode>();
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (!_known.Repeatable.TryGetValue(name, out var repeatable) || repeatable)
            {
                continue;
            }

            if (seen.TryGetValue(name, out var previous))
            {
                context.Report($"The directive \"@{name}\" can only be used once at this location.", previous, directive);
            }
            else
            {
                seen[name] = directive;
            }
        }

        return true;
    }
}
