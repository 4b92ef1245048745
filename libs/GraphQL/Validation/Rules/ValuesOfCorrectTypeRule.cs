using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.6.1 Values of Correct Type (and §5.6.4 Input Object Required Fields, §5.6.2 Input Object Field Names).
internal sealed class ValuesOfCorrectTypeRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        var typeInfo = context.TypeInfo;
        switch (node)
        {
            case ListValueNode list:
                if (typeInfo.ParentInputType?.Nullable is not ListType)
                {
                    IsValidValueNode(list);
                    return false;
                }

                break;
            case ObjectValueNode obj:
                if (typeInfo.InputType?.Named is not InputObjectType inputObject)
                {
                    IsValidValueNode(obj);
                    return false;
                }

                foreach (var field in inputObject.Fields)
                {
                    if (field.Type is NonNullType && !field.HasDefaultValue && obj.Fields.All(f => f.Name.Value != field.Name))
                    {
                        context.Report($"Field \"{inputObject.Name}.{field.Name}\" of required type \"{field.Type}\" was not provided.", obj);
                    }
                }

                break;
            case ObjectFieldNode objectField:
                if (typeInfo.InputType is null && typeInfo.ParentInputType?.Named is InputObjectType parent)
                {
                    context.Report(
                        $"Field \"{objectField.Name.Value}\" is not defined by type \"{parent.Name}\"." +
                        Suggestions.DidYouMean(Suggestions.For(objectField.Name.Value, parent.Fields.Select(f => f.Name))),
                        objectField);
                }

                break;
            case NullValueNode nullValue:
                if (typeInfo.InputType is NonNullType nonNull)
                {
                    context.Report($"Expected value of type \"{nonNull}\", found null.", nullValue);
                }

                break;
            case EnumValueNode or IntValueNode or FloatValueNode or StringValueNode or BooleanValueNode:
                IsValidValueNode((ValueNode)node);
                break;
        }

        return true;
    }

    private void IsValidValueNode(ValueNode node)
    {
        var locationType = context.TypeInfo.InputType;
        if (locationType is null)
        {
            return;
        }

        var type = locationType.Named;
        if (type is not (ScalarType or EnumType))
        {
            context.Report($"Expected value of type \"{locationType}\", found {Printer.Print(node)}.", node);
            return;
        }

        try
        {
            ValueCoercion.ParseLeafLiteral(type, node);
        }
        catch (GraphQLException error)
        {
            context.Report(error.Message, node);
        }
    }
}
