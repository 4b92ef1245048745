using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

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
