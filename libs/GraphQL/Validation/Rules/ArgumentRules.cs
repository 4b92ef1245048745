using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.4.1 Argument Names (fields and directives).
internal sealed class KnownArgumentNamesRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = new(context);

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
                            context.Report($"Unknown argument \"{argument.Name.Value}\" on directive \"@{name}\".", argument);
                        }
                    }
                }

                // Directive arguments are fully checked here; the field check below must not see them.
                return false;
            case ArgumentNode argumentNode:
                var typeInfo = context.TypeInfo;
                if (typeInfo.Argument is null && typeInfo.FieldDefinition is { } field && typeInfo.ParentType is { } parent)
                {
                    context.Report($"Unknown argument \"{argumentNode.Name.Value}\" on field \"{parent.Name}.{field.Name}\".", argumentNode);
                }

                break;
        }

        return true;
    }
}

/// §5.4.2 Argument Uniqueness.
internal sealed class UniqueArgumentNamesRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        var arguments = node switch
        {
            FieldNode field => field.Arguments,
            DirectiveNode directive => directive.Arguments,
            _ => null,
        };
        if (arguments is { Count: > 1 })
        {
            foreach (var group in arguments.GroupBy(a => a.Name.Value).Where(g => g.Count() > 1))
            {
                context.Report($"There can be only one argument named \"{group.Key}\".", [.. group.Select(a => a.Name)]);
            }
        }

        return true;
    }
}

/// §5.4.2.1 Required Arguments.
internal sealed class ProvidedRequiredArgumentsRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = new(context);

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
