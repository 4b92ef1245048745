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
