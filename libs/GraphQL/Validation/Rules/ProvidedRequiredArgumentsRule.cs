using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.4.2.1 Required Arguments.
internal sealed class ProvidedRequiredArgumentsRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = context.KnownDirectives;

    public override void Leave(Node node)
    {
        switch (node)
        {
            case FieldNode field when context.TypeInfo.FieldDefinition is { } definition:
                foreach (var argument in definition.Arguments)
                {
                    if (argument.Type is NonNullType && !argument.HasDefaultValue && field.Arguments.All(a => a.Name.Value != argument.Name))
                    {
                        context.Report(
                            $"Field \"{definition.Name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.",
                            field);
                    }
                }

                break;
            case DirectiveNode directive when _known.Required.TryGetValue(directive.Name.Value, out var required):
                foreach (var (name, type) in required)
                {
                    if (directive.Arguments.All(a => a.Name.Value != name))
                    {
                        context.Report(
                            $"Directive \"@{directive.Name.Value}\" argument \"{name}\" of type \"{type}\" is required, but it was not provided.",
                            directive);
                    }
                }

                break;
        }
    }
}
