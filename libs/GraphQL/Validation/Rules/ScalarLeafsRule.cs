using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.3.3 Leaf Field Selections.
internal sealed class ScalarLeafsRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is FieldNode field && context.TypeInfo.Type is { } type)
        {
            var name = field.Name.Value;
            if (type.Named is ScalarType or EnumType)
            {
                if (field.SelectionSet is not null)
                {
                    context.Report($"Field \"{name}\" must not have a selection since type \"{type}\" has no subfields.", field.SelectionSet);
                }
            }
            else if (field.SelectionSet is null)
            {
                context.Report($"Field \"{name}\" of type \"{type}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?", field);
            }
        }

        return true;
    }
}
