using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.7.3 Directives Are Unique Per Location.
internal sealed class UniqueDirectivesPerLocationRule(ValidationContext context) : DocumentVisitor
{
    private readonly KnownDirectiveSet _known = context.KnownDirectives;

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
