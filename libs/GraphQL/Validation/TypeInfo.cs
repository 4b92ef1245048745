using TokenOptimizer.GraphQL.Execution;
using TokenOptimizer.GraphQL.Language;

namespace TokenOptimizer.GraphQL.Validation;

/// Tracks the schema types at each point of a document walk (graphql-js TypeInfo).
internal sealed class TypeInfo(Schema schema)
{
    private readonly List<NamedType?> _parentTypes = [];
    private readonly List<GraphQLType?> _types = [];
    private readonly List<GraphQLType?> _inputTypes = [];
    private readonly List<FieldDefinition?> _fieldDefinitions = [];
    private readonly List<InputValueDefinition?> _defaultValues = [];

    public Schema Schema { get; } = schema;

    public GraphQLType? Type => Peek(_types);

    public NamedType? ParentType => Peek(_parentTypes);

    public GraphQLType? InputType => Peek(_inputTypes);

    public GraphQLType? ParentInputType => _inputTypes.Count >= 2 ? _inputTypes[^2] : null;

    public FieldDefinition? FieldDefinition => Peek(_fieldDefinitions);

    /// The argument or input field whose default applies here, if it has one.
    public InputValueDefinition? DefaultValueOwner => Peek(_defaultValues);

    public DirectiveDefinition? Directive { get; private set; }

    public InputValueDefinition? Argument { get; private set; }

    private static T? Peek<T>(List<T?> stack) where T : class => stack.Count > 0 ? stack[^1] : null;

    private static void Pop<T>(List<T> stack) => stack.RemoveAt(stack.Count - 1);

    public static bool IsComposite(NamedType? type) => type is ObjectType or InterfaceType or UnionType;

    public void Enter(Node node)
    {
        switch (node)
        {
            case SelectionSetNode:
                var named = Type?.Named;
                _parentTypes.Add(IsComposite(named) ? named : null);
                break;
            case FieldNode field:
                var parent = ParentType;
                var definition = parent is null ? null : Schema.GetFieldDefinition(parent, field.Name.Value);
                _fieldDefinitions.Add(definition);
                _types.Add(definition?.Type is { IsOutputType: true } output ? output : null);
                break;
            case DirectiveNode directive:
                Directive = Schema.GetDirective(directive.Name.Value);
                break;
            case OperationDefinitionNode operation:
                _types.Add(Executor.RootType(Schema, operation));
                break;
            case InlineFragmentNode inline:
                var inlineType = inline.TypeCondition is null ? Type?.Named : ValueCoercion.TypeFromAst(Schema, inline.TypeCondition);
                _types.Add(inlineType is { IsOutputType: true } ? inlineType : null);
                break;
            case FragmentDefinitionNode fragment:
                var fragmentType = ValueCoercion.TypeFromAst(Schema, fragment.TypeCondition);
                _types.Add(fragmentType is { IsOutputType: true } ? fragmentType : null);
                break;
            case VariableDefinitionNode variable:
                var variableType = ValueCoercion.TypeFromAst(Schema, variable.Type);
                _inputTypes.Add(variableType is { IsInputType: true } ? variableType : null);
                break;
            case ArgumentNode argument:
                var arguments = Directive?.Arguments ?? FieldDefinition?.Arguments;
                var argumentDefinition = arguments?.FirstOrDefault(a => a.Name == argument.Name.Value);
                Argument = argumentDefinition;
                _defaultValues.Add(argumentDefinition);
                _inputTypes.Add(argumentDefinition?.Type is { IsInputType: true } argumentType ? argumentType : null);
                break;
            case ListValueNode:
                var listType = InputType?.Nullable;
                var itemType = listType is ListType list ? list.OfType : listType;
                _defaultValues.Add(null);
                _inputTypes.Add(itemType is { IsInputType: true } ? itemType : null);
                break;
            case ObjectFieldNode objectField:
                var inputField = (InputType?.Named as InputObjectType)?.GetField(objectField.Name.Value);
                _defaultValues.Add(inputField);
                _inputTypes.Add(inputField?.Type is { IsInputType: true } fieldType ? fieldType : null);
                break;
        }
    }

    public void Leave(Node node)
    {
        switch (node)
        {
            case SelectionSetNode:
                Pop(_parentTypes);
                break;
            case FieldNode:
                Pop(_fieldDefinitions);
                Pop(_types);
                break;
            case DirectiveNode:
                Directive = null;
                break;
            case OperationDefinitionNode or InlineFragmentNode or FragmentDefinitionNode:
                Pop(_types);
                break;
            case VariableDefinitionNode:
                Pop(_inputTypes);
                break;
            case ArgumentNode:
                Argument = null;
                Pop(_defaultValues);
                Pop(_inputTypes);
                break;
            case ListValueNode or ObjectFieldNode:
                Pop(_defaultValues);
                Pop(_inputTypes);
                break;
        }
    }
}
