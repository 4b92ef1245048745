using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation.Rules;

/// §5.5.1.2 Fragment spread type existence (and every other named type reference).
internal sealed class KnownTypeNamesRule(ValidationContext context) : DocumentVisitor
{
    private static readonly HashSet<string> StandardTypeNames =
        ["String", "Int", "Float", "Boolean", "ID", "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__EnumValue", "__InputValue", "__TypeKind"];

    private readonly HashSet<string> _definedTypes = [.. context.Document.Definitions.OfType<TypeDefinitionNode>().Select(t => t.Name.Value)];
    private int _sdlDepth;

    public override bool Enter(Node node)
    {
        if (node is TypeSystemDefinitionNode)
        {
            _sdlDepth++;
        }

        if (node is NamedTypeNode named)
        {
            var name = named.Name.Value;
            if (context.Schema.GetType(name) is null && !_definedTypes.Contains(name) &&
                !(_sdlDepth > 0 && StandardTypeNames.Contains(name)))
            {
                context.Report($"Unknown type \"{name}\".", named);
            }
        }

        return true;
    }

    public override void Leave(Node node)
    {
        if (node is TypeSystemDefinitionNode)
        {
            _sdlDepth--;
        }
    }
}

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

/// §5.8.2 Variables Are Input Types.
internal sealed class VariablesAreInputTypesRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is VariableDefinitionNode definition &&
            ValueCoercion.TypeFromAst(context.Schema, definition.Type) is { IsInputType: false })
        {
            context.Report(
                $"Variable \"${definition.Variable.Name.Value}\" cannot be non-input type \"{Printer.Print(definition.Type)}\".",
                definition.Type);
        }

        return true;
    }
}

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

/// §5.3.1 Field Selections.
internal sealed class FieldsOnCorrectTypeRule(ValidationContext context) : DocumentVisitor
{
    public override bool Enter(Node node)
    {
        if (node is FieldNode field && context.TypeInfo.ParentType is { } parentType && context.TypeInfo.FieldDefinition is null)
        {
            context.Report($"Cannot query field \"{field.Name.Value}\" on type \"{parentType.Name}\".", field);
        }

        return true;
    }
}

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
