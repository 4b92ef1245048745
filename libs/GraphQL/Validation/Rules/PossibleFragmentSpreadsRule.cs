using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.5.2.3 Fragment spread is possible.
internal sealed class PossibleFragmentSpreadsRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        switch (node)
        {
            case InlineFragmentNode inline:
                var inlineType = context.TypeInfo.Type?.Named;
                var parent = context.TypeInfo.ParentType;
                if (TypeInfo.IsComposite(inlineType) && TypeInfo.IsComposite(parent) && !TypesOverlap(context.Schema, inlineType!, parent!))
                {
                    context.Report(
                        $"Fragment cannot be spread here as objects of type \"{parent!.Name}\" can never be of type \"{inlineType!.Name}\".",
                        inline);
                }

                break;
            case FragmentSpreadNode spread:
                var fragment = context.GetFragment(spread.Name.Value);
                var fragmentType = fragment is null ? null : ValueCoercion.TypeFromAst(context.Schema, fragment.TypeCondition) as NamedType;
                var parentType = context.TypeInfo.ParentType;
                if (TypeInfo.IsComposite(fragmentType) && parentType is not null && !TypesOverlap(context.Schema, fragmentType!, parentType))
                {
                    context.Report(
                        $"Fragment \"{spread.Name.Value}\" cannot be spread here as objects of type \"{parentType.Name}\" can never be of type \"{fragmentType!.Name}\".",
                        spread);
                }

                break;
        }

        return true;
    }

    private static bool IsAbstract(NamedType type) => type is InterfaceType or UnionType;

    public static bool TypesOverlap(Schema schema, NamedType a, NamedType b)
    {
        if (a == b)
        {
            return true;
        }

        if (IsAbstract(a))
        {
            return IsAbstract(b)
                ? schema.GetPossibleTypes(a).Any(t => schema.IsSubType(b, t))
                : schema.IsSubType(a, b);
        }

        return IsAbstract(b) && schema.IsSubType(b, a);
    }
}
