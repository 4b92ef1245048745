namespace TokenOptimizer.GraphQL.Language;

/// <summary>Where a node starts and ends in the source; every AST node carries one.</summary>
internal readonly record struct Location(int Start, int End, int Line, int Column)
{
    public SourceLocation ToSource() => new(Line, Column);
}

internal abstract record Node(Location Location);

internal sealed record NameNode(Location Location, string Value) : Node(Location);

internal sealed record DocumentNode(Location Location, IReadOnlyList<DefinitionNode> Definitions, string Body) : Node(Location);

internal abstract record DefinitionNode(Location Location) : Node(Location);

internal abstract record ExecutableDefinitionNode(Location Location, NameNode? Name, IReadOnlyList<DirectiveNode> Directives, SelectionSetNode SelectionSet)
    : DefinitionNode(Location);

internal enum OperationType
{
    Query,
    Mutation,
    Subscription,
}

internal sealed record OperationDefinitionNode(
    Location Location,
    OperationType Operation,
    NameNode? Name,
    IReadOnlyList<VariableDefinitionNode> VariableDefinitions,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet) : ExecutableDefinitionNode(Location, Name, Directives, SelectionSet);

internal sealed record FragmentDefinitionNode(
    Location Location,
    NameNode FragmentName,
    NamedTypeNode TypeCondition,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet) : ExecutableDefinitionNode(Location, FragmentName, Directives, SelectionSet);

internal sealed record VariableDefinitionNode(
    Location Location,
    VariableNode Variable,
    TypeNode Type,
    ValueNode? DefaultValue,
    IReadOnlyList<DirectiveNode> Directives) : Node(Location);

internal sealed record SelectionSetNode(Location Location, IReadOnlyList<SelectionNode> Selections) : Node(Location);

internal abstract record SelectionNode(Location Location, IReadOnlyList<DirectiveNode> Directives) : Node(Location);

internal sealed record FieldNode(
    Location Location,
    NameNode? Alias,
    NameNode Name,
    IReadOnlyList<ArgumentNode> Arguments,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode? SelectionSet) : SelectionNode(Location, Directives)
{
    public string ResponseKey => Alias?.Value ?? Name.Value;

    // Nodes are compared by identity wherever they key a dictionary.
    public bool Equals(FieldNode? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

internal sealed record FragmentSpreadNode(Location Location, NameNode Name, IReadOnlyList<DirectiveNode> Directives)
    : SelectionNode(Location, Directives);

internal sealed record InlineFragmentNode(
    Location Location,
    NamedTypeNode? TypeCondition,
    IReadOnlyList<DirectiveNode> Directives,
    SelectionSetNode SelectionSet) : SelectionNode(Location, Directives);

internal sealed record ArgumentNode(Location Location, NameNode Name, ValueNode Value) : Node(Location);

internal sealed record DirectiveNode(Location Location, NameNode Name, IReadOnlyList<ArgumentNode> Arguments) : Node(Location);

internal abstract record TypeNode(Location Location) : Node(Location);

internal sealed record NamedTypeNode(Location Location, NameNode Name) : TypeNode(Location);

internal sealed record ListTypeNode(Location Location, TypeNode Type) : TypeNode(Location);

internal sealed record NonNullTypeNode(Location Location, TypeNode Type) : TypeNode(Location);

internal abstract record ValueNode(Location Location) : Node(Location);

internal sealed record VariableNode(Location Location, NameNode Name) : ValueNode(Location);

internal sealed record IntValueNode(Location Location, string Value) : ValueNode(Location);

internal sealed record FloatValueNode(Location Location, string Value) : ValueNode(Location);

internal sealed record StringValueNode(Location Location, string Value, bool Block) : ValueNode(Location);

internal sealed record BooleanValueNode(Location Location, bool Value) : ValueNode(Location);

internal sealed record NullValueNode(Location Location) : ValueNode(Location);

internal sealed record EnumValueNode(Location Location, string Value) : ValueNode(Location);

internal sealed record ListValueNode(Location Location, IReadOnlyList<ValueNode> Values) : ValueNode(Location);

internal sealed record ObjectValueNode(Location Location, IReadOnlyList<ObjectFieldNode> Fields) : ValueNode(Location);

internal sealed record ObjectFieldNode(Location Location, NameNode Name, ValueNode Value) : Node(Location);
