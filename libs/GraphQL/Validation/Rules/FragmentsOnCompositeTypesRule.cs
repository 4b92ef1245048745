using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.5.1.3 Fragments On Composite Types.
internal sealed class FragmentsOnCompositeTypesRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        switch (node)
        {
            case InlineFragmentNode { TypeCondition: { } condition }:
                if (ValueCoercion.TypeFromAst(context.Schema, condition) is { } inlineType && !TypeInfo.IsComposite(inlineType.Named))
                {
                    context.Report($"Fragment cannot condition on non composite type \"{Printer.Print(condition)}\".", condition);
                }

                break;
            case FragmentDefinitionNode fragment:
                if (ValueCoercion.TypeFromAst(context.Schema, fragment.TypeCondition) is { } type && !TypeInfo.IsComposite(type.Named))
                {
                    context.Report(
                        $"Fragment \"{fragment.FragmentName.Value}\" cannot condition on non composite type \"{Printer.Print(fragment.TypeCondition)}\".",
                        fragment.TypeCondition);
                }

                break;
        }

        return true;
    }
}
