using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation;

/// A visitor over the AST; Enter returning false skips the node's children for that visitor only.
internal abstract class DocumentVisitor
{
    public virtual bool Enter(Node node) => true;

    public virtual void Leave(Node node)
    {
    }
}

/// Walks the AST in graphql-js key order, running visitors in parallel with a shared TypeInfo.
internal sealed class Walker(TypeInfo typeInfo, IReadOnlyList<DocumentVisitor> visitors)
{
    private readonly Node?[] _skipping = new Node?[visitors.Count];

    public void Walk(Node node)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        typeInfo.Enter(node);
        for (var i = 0; i < visitors.Count; i++)
        {
            if (_skipping[i] is null && !visitors[i].Enter(node))
            {
                _skipping[i] = node;
            }
        }

        foreach (var child in Children(node))
        {
            if (child is not null)
            {
                Walk(child);
            }
        }

        for (var i = 0; i < visitors.Count; i++)
        {
            if (_skipping[i] is null)
            {
                visitors[i].Leave(node);
            }
            else if (ReferenceEquals(_skipping[i], node))
            {
                _skipping[i] = null;
            }
        }

        typeInfo.Leave(node);
    }

    private static IEnumerable<Node?> Children(Node node)
    {
        switch (node)
        {
            case DocumentNode document:
                return document.Definitions;
            case OperationDefinitionNode operation:
                return [.. operation.VariableDefinitions, .. operation.Directives, operation.SelectionSet];
            case VariableDefinitionNode variable:
                return [variable.Variable, variable.Type, variable.DefaultValue, .. variable.Directives];
            case SelectionSetNode set:
                return set.Selections;
            case FieldNode field:
                return [.. field.Arguments, .. field.Directives, field.SelectionSet];
            case ArgumentNode argument:
                return [argument.Value];
            case FragmentSpreadNode spread:
                return spread.Directives;
            case InlineFragmentNode inline:
                return [inline.TypeCondition, .. inline.Directives, inline.SelectionSet];
            case FragmentDefinitionNode fragment:
                return [fragment.TypeCondition, .. fragment.Directives, fragment.SelectionSet];
            case ListValueNode list:
                return list.Values;
            case ObjectValueNode obj:
                return obj.Fields;
            case ObjectFieldNode field:
                return [field.Value];
            case DirectiveNode directive:
                return directive.Arguments;
            case ListTypeNode listType:
                return [listType.Type];
            case NonNullTypeNode nonNull:
                return [nonNull.Type];
            case SchemaDefinitionNode schema:
                return [.. schema.Directives, .. schema.OperationTypes];
            case SchemaExtensionNode extension:
                return [.. extension.Directives, .. extension.OperationTypes];
            case OperationTypeDefinitionNode operationType:
                return [operationType.Type];
            case TypeDefinitionNode type:
                return [.. type.Interfaces, .. type.Directives, .. type.Fields, .. type.InputFields, .. type.UnionMembers, .. type.EnumValues];
            case FieldDefinitionNode fieldDefinition:
                return [.. fieldDefinition.Arguments, fieldDefinition.Type, .. fieldDefinition.Directives];
            case InputValueDefinitionNode inputValue:
                return [inputValue.Type, inputValue.DefaultValue, .. inputValue.Directives];
            case EnumValueDefinitionNode enumValue:
                return enumValue.Directives;
            case DirectiveDefinitionNode directiveDefinition:
                return directiveDefinition.Arguments;
            default:
                return [];
        }
    }
}
