using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.3.1 Field Selections.
internal sealed class FieldsOnCorrectTypeRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is FieldNode field && context.TypeInfo.ParentType is { } parentType && context.TypeInfo.FieldDefinition is null)
        {
            var name = field.Name.Value;
            var suggestion = Suggestions.DidYouMean(SuggestedTypeNames(context.Schema, parentType, name), "to use an inline fragment on");
            if (suggestion.Length == 0 && parentType is ComplexType complex)
            {
                suggestion = Suggestions.DidYouMean(Suggestions.For(name, complex.Fields.Select(f => f.Name)));
            }

            context.Report($"Cannot query field \"{name}\" on type \"{parentType.Name}\"." + suggestion, field);
        }

        return true;
    }

    private static List<string> SuggestedTypeNames(Schema schema, NamedType type, string fieldName)
    {
        if (type is not (InterfaceType or UnionType))
        {
            return [];
        }

        var usage = new Dictionary<NamedType, int>();
        foreach (var possible in schema.GetPossibleTypes(type))
        {
            if (possible.GetField(fieldName) is null)
            {
                continue;
            }

            usage[possible] = 1;
            foreach (var implemented in possible.Interfaces)
            {
                if (implemented.GetField(fieldName) is not null)
                {
                    usage[implemented] = usage.GetValueOrDefault(implemented) + 1;
                }
            }
        }

        var types = usage.Keys.ToList();
        types.Sort((a, b) =>
        {
            var diff = usage[b] - usage[a];
            if (diff != 0)
            {
                return diff;
            }

            if (a is InterfaceType && schema.IsSubType(a, b))
            {
                return -1;
            }

            if (b is InterfaceType && schema.IsSubType(b, a))
            {
                return 1;
            }

            return string.CompareOrdinal(a.Name, b.Name);
        });
        return types.Select(t => t.Name).ToList();
    }
}
