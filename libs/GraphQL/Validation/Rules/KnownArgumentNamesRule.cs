using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.4.1 Argument Names (fields and directives).
internal sealed class KnownArgumentNamesRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = context.KnownDirectives;

    public override bool Enter(Node node)
    {
        switch (node)
        {
            case DirectiveNode directive:
                var name = directive.Name.Value;
                if (_known.Arguments.TryGetValue(name, out var arguments))
                {
                    foreach (var argument in directive.Arguments)
                    {
                        if (!arguments.Contains(argument.Name.Value))
                        {
                            context.Report(
                                $"Unknown argument \"{argument.Name.Value}\" on directive \"@{name}\"." +
                                Suggestions.DidYouMean(Suggestions.For(argument.Name.Value, arguments)),
                                argument);
                        }
                    }
                }

                // Directive arguments are fully checked here; the field check below must not see them.
                return false;
            case ArgumentNode argumentNode:
                var typeInfo = context.TypeInfo;
                if (typeInfo.Argument is null && typeInfo.FieldDefinition is { } field && typeInfo.ParentType is { } parent)
                {
                    context.Report(
                        $"Unknown argument \"{argumentNode.Name.Value}\" on field \"{parent.Name}.{field.Name}\"." +
                        Suggestions.DidYouMean(Suggestions.For(argumentNode.Name.Value, field.Arguments.Select(a => a.Name))),
                        argumentNode);
                }

                break;
        }

        return true;
    }
}
